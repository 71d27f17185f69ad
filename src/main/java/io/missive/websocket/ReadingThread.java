package io.missive.websocket;

import io.missive.core.session.EventLoop;

/**
 * A container WebSocket connection's event loop as its mailbox sees it: the container's thread
 * while it hands this connection a message, and one of the {@link DeliveryLoops} for everything else
 * that never blocks. The work a message starts that never blocks (a publish handed to the store, an
 * acknowledgement) then runs on the container's thread when the mailbox is idle, instead of being
 * handed to another thread and waking it (in a binary/ws profile at 4,000 msg/s the pool's threads
 * spent more samples going to sleep and waking than running mailbox turns; issue 18). Deliveries and
 * answers released by a commit come from other threads and run on the connection's delivery loop.
 */
final class ReadingThread implements EventLoop {

    private final EventLoop elsewhere;
    /** The thread handing this connection a message now; null between messages. */
    private volatile Thread reader;

    ReadingThread(EventLoop elsewhere) {
        this.elsewhere = elsewhere;
    }

    /** Runs {@code delivery} (the container's call with one message) as this connection's reading thread. */
    void reading(Runnable delivery) {
        reader = Thread.currentThread();
        try {
            delivery.run();
        } finally {
            reader = null;
        }
    }

    @Override
    public boolean inLoop() {
        return reader == Thread.currentThread() || elsewhere.inLoop();
    }

    @Override
    public void execute(Runnable task) {
        elsewhere.execute(task);
    }
}
