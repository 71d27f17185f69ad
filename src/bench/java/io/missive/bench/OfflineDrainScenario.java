package io.missive.bench;

import io.missive.bench.client.BenchAccount;
import io.missive.bench.client.ClientFactory;
import io.missive.bench.client.DeliveryListener;
import io.missive.bench.client.Destination;
import io.missive.bench.client.LoadMessage;
import io.missive.bench.client.MessagingClient;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 4 of issue 7: messages wait for an offline user, then the user connects; the time runs
 * from the start of its CONNECT to the arrival of the last message, the client acknowledging each
 * as it comes. Each round's receiver has logged in once before (so that an MQTT broker keeps a
 * persistent session for it), is offline while the messages are published, and the publishes
 * count only once acknowledged (on Missive: committed).
 */
final class OfflineDrainScenario {

    private static final int WINDOW = 1000;
    private static final long PUBLISH_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final PrintStream progress;

    OfflineDrainScenario(PrintStream progress) {
        this.progress = progress;
    }

    /**
     * @param publishers the factory the messages are published with
     * @param receivers  the factory the offline user connects with (its name is the target's)
     * @param publisher  who publishes
     * @param offline    one receiving user per round
     */
    DrainResult run(ClientFactory publishers, ClientFactory receivers, BenchAccount publisher, List<BenchAccount> offline,
                    int messages) throws IOException, InterruptedException {
        progress.printf("%n== %s: offline drain of %,d messages, %d rounds (published with %s)%n", receivers.name(),
                messages, offline.size(), publishers.name());
        Acknowledgements acks = new Acknowledgements();
        List<Long> rounds = new ArrayList<>();
        try (MessagingClient sender = publishers.connect(publisher, List.of(), acks)) {
            for (int round = 1; round <= offline.size(); round++) {
                BenchAccount receiver = offline.get(round - 1);
                receivers.connect(receiver, List.of(), new Arrivals(round)).close();
                Thread.sleep(500);
                long publishStart = System.nanoTime();
                Destination to = new Destination.User(receiver);
                for (int i = 0; i < messages; i++) {
                    if (!acks.window.tryAcquire(PUBLISH_TIMEOUT_NANOS, TimeUnit.NANOSECONDS)) {
                        throw new IOException("no acknowledgement within 120 s; " + acks.count.get() + " of " + i
                                + " acknowledged" + acks.errorSuffix());
                    }
                    sender.publish(to, new LoadMessage(System.nanoTime(), round, 0, i));
                }
                if (!acks.window.tryAcquire(WINDOW, PUBLISH_TIMEOUT_NANOS, TimeUnit.NANOSECONDS)) {
                    throw new IOException("the last publishes were not acknowledged within 120 s" + acks.errorSuffix());
                }
                acks.window.release(WINDOW);
                progress.printf("  round %d: %,d messages published and acknowledged in %.1f s%n", round, messages,
                        (System.nanoTime() - publishStart) / 1e9);

                Arrivals arrivals = new Arrivals(round);
                long connectStart = System.nanoTime();
                try (MessagingClient client = receivers.connect(receiver, List.of(), arrivals)) {
                    long deadline = connectStart + DRAIN_TIMEOUT_NANOS;
                    while (arrivals.count.get() < messages && System.nanoTime() < deadline && arrivals.error == null) {
                        Thread.sleep(1);
                    }
                    boolean complete = arrivals.count.get() >= messages;
                    long micros = complete ? (arrivals.last.get() - connectStart) / 1000 : -1;
                    rounds.add(micros);
                    progress.printf("           %s%n", complete
                            ? String.format("all %,d arrived %s ms after the CONNECT", messages, LatencyHistograms.millis(micros))
                            : String.format("only %,d of %,d within %d s%s", arrivals.count.get(), messages,
                                    TimeUnit.NANOSECONDS.toSeconds(DRAIN_TIMEOUT_NANOS),
                                    arrivals.error == null ? "" : "; " + arrivals.error));
                }
            }
        }
        return new DrainResult(receivers.name(), messages, rounds);
    }

    /** The publisher's acknowledgements: each gives a place in the window back. */
    private static final class Acknowledgements implements DeliveryListener {
        final Semaphore window = new Semaphore(WINDOW);
        final AtomicInteger count = new AtomicInteger();
        volatile String error;

        @Override
        public void acknowledged(LoadMessage message, long nanoTime) {
            count.incrementAndGet();
            window.release();
        }

        @Override
        public void received(LoadMessage message, long nanoTime) {
            // the publisher receives nothing here
        }

        @Override
        public void failed(String what) {
            if (error == null) {
                error = what;
            }
        }

        String errorSuffix() {
            return error == null ? "" : "; " + error;
        }
    }

    /** What the receiver gets of its round (a message of another round is not counted). */
    private static final class Arrivals implements DeliveryListener {
        final int round;
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong last = new AtomicLong();
        volatile String error;

        Arrivals(int round) {
            this.round = round;
        }

        @Override
        public void acknowledged(LoadMessage message, long nanoTime) {
            // the receiver publishes nothing
        }

        @Override
        public void received(LoadMessage message, long nanoTime) {
            if (message.step() == round) {
                last.accumulateAndGet(nanoTime, Math::max);
                count.incrementAndGet();
            }
        }

        @Override
        public void failed(String what) {
            if (error == null) {
                error = what;
            }
        }
    }
}
