package io.missive.protocol;

import io.missive.core.session.SerialExecutor;

import java.util.function.Consumer;

/**
 * Where one connection's work runs, in order: its own mailbox, or, once {@linkplain #moveTo moved},
 * another (an MQTT persistent session's, which outlives connections). A connection that may move
 * sends each task through its own mailbox first, so that what was handed over before the move still
 * runs first; one that never moves skips that hop.
 */
final class ConnectionMailbox {

    private final SerialExecutor own;
    private final boolean movable;
    /** The mailbox moved to, or null. */
    private volatile SerialExecutor movedTo;

    /** @param onFailure what a task that threw leads to (the connection's close), on the mailbox */
    ConnectionMailbox(SerialExecutor own, boolean movable, Consumer<Throwable> onFailure) {
        this.own = own;
        this.movable = movable;
        own.onFailure(onFailure);
    }

    /** Runs {@code task} after everything handed over before. Any thread. */
    void execute(Runnable task) {
        submit(task, false);
    }

    /** Runs {@code task}, which never blocks, after everything handed over before. Any thread. */
    void executeNonBlocking(Runnable task) {
        submit(task, true);
    }

    private void submit(Runnable task, boolean nonBlocking) {
        Runnable step = !movable ? task : () -> {
            SerialExecutor moved = movedTo;
            if (moved == null) {
                task.run();
            } else if (nonBlocking) {
                moved.executeNonBlocking(task);
            } else {
                moved.execute(task);
            }
        };
        if (nonBlocking) {
            own.executeNonBlocking(step);
        } else {
            own.execute(step);
        }
    }

    /** From now on tasks run on {@code mailbox}, whose failures go to {@code onFailure}. */
    void moveTo(SerialExecutor mailbox, Consumer<Throwable> onFailure) {
        if (!movable) {
            throw new IllegalStateException("this connection does not follow another mailbox");
        }
        mailbox.onFailure(onFailure);
        movedTo = mailbox;
    }

    /** The mailbox tasks run on now. */
    SerialExecutor current() {
        SerialExecutor moved = movedTo;
        return moved != null ? moved : own;
    }

    /** The connection's own mailbox, whether it moved or not. */
    SerialExecutor own() {
        return own;
    }
}
