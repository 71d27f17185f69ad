package io.missive.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One publisher of {@link CrashIT}: publishes one message at a time on its own thread, each with a
 * unique payload, and keeps the payloads the server acknowledged. It ends when its connection fails
 * (the server was killed).
 */
final class SteadyPublisher {

    /** Publishes {@code payload} and calls {@code acknowledged} once the server acknowledged it; throws when the connection is gone. */
    @FunctionalInterface
    interface Step {
        void publish(String payload, Consumer<String> acknowledged) throws Exception;
    }

    final String name;
    final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile Throwable end;

    /** @param closer closes the publisher's connection once it ended */
    SteadyPublisher(String name, Step step, AutoCloseable closer) {
        this.name = name;
        this.thread = new Thread(() -> {
            try {
                for (int n = 1; ; n++) {
                    step.publish(name + "-" + n, acknowledged::add);
                }
            } catch (Exception | AssertionError e) {
                end = e;
            } finally {
                try {
                    closer.close();
                } catch (Exception ignored) {
                    // the server is gone
                }
            }
        }, "crash-publisher-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the publisher to end (its server killed); false if it still runs after {@code timeout}. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    /** Why it ended, for the report. */
    String end() {
        return String.valueOf(end);
    }
}
