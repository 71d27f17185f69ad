package io.missive.protocol;

import io.missive.core.PublishCallback;
import io.missive.core.Refusal;
import io.missive.core.model.Message;
import io.missive.transport.Sink;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A connection's inbound flow control: the peer's work the server has taken and not finished
 * (frames not yet handled, publishes not yet committed). Past {@code pauseAt} the transport stops
 * reading, so that a peer sending faster than the server works fills its own socket buffer, not
 * the server's heap; below a quarter of it the transport reads again. A transport that cannot stop
 * reading (the container's WebSocket) gets a hard limit of sixteen times that instead. A pause (on
 * the I/O thread) and a resume (on the mailbox) happen under one lock, so that the transport's state
 * always ends as the last decision says.
 */
final class InboundBacklog {

    private final AtomicInteger unfinished = new AtomicInteger();
    private final Sink<?> sink;
    private final int pauseAt;
    private final int closeAt;
    private final Consumer<Runnable> onMailbox;
    private volatile boolean paused;
    /** Whether the transport stops reading when asked; until it says so, the hard limit applies. */
    private volatile boolean pausable;

    /** @param onMailbox runs a task on the connection's mailbox, after what is queued there */
    InboundBacklog(Sink<?> sink, int pauseAt, Consumer<Runnable> onMailbox) {
        this.sink = sink;
        this.pauseAt = pauseAt;
        this.closeAt = 16 * pauseAt;
        this.onMailbox = onMailbox;
    }

    /** One more piece of unfinished work; answers true when it reaches the hard limit (the connection closes). Any thread. */
    boolean hold() {
        int backlog = unfinished.incrementAndGet();
        if (backlog == closeAt && !pausable) {
            return true;
        }
        if (backlog >= pauseAt && !paused) {
            synchronized (this) {
                // decided and done under the lock: a resume in between would be undone by this pause, and
                // the transport would then never read again (found by the soak: acknowledgements unread)
                if (!paused && unfinished.get() >= pauseAt) {
                    paused = true;
                    pausable = sink.pauseReading();
                }
            }
            onMailbox.accept(this::resumeIfDrained);   // in case the mailbox drained before the flag was set
        }
        return false;
    }

    /** A piece of work is finished. On the mailbox. */
    void release() {
        unfinished.decrementAndGet();
        resumeIfDrained();
    }

    /** {@code callback}, releasing one piece of work before it is told how its publish ended. */
    PublishCallback releasedBefore(PublishCallback callback) {
        return new PublishCallback() {
            @Override
            public void accepted(Message stored) {
                release();
                callback.accepted(stored);
            }

            @Override
            public void refused(Refusal refusal, String detail) {
                release();
                callback.refused(refusal, detail);
            }

            @Override
            public boolean mayBlock() {
                return callback.mayBlock();
            }
        };
    }

    /** The hard limit, for the log line. */
    int closeAt() {
        return closeAt;
    }

    private void resumeIfDrained() {
        if (paused && unfinished.get() <= pauseAt / 4) {
            synchronized (this) {
                if (paused && unfinished.get() <= pauseAt / 4) {
                    paused = false;
                    sink.resumeReading();
                }
            }
        }
    }
}
