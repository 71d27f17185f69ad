package io.missive.websocket;

import io.missive.core.session.EventLoop;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A few threads, each the event loop of the container WebSocket connections given to it: a delivery, an
 * answer or an acknowledgement released by another thread (the store's writer after a commit) runs there
 * ({@link ReadingThread}). The container hands out no event loop of its own, and on the mailbox pool each
 * connection's turn woke a thread of its own: after a commit that released work for eight connections,
 * eight wake-ups. A loop wakes once for whatever queued while it slept and runs it all (as the TCP
 * connector's Netty loops do). Only work that never blocks comes here; the rest stays on the pool.
 */
final class DeliveryLoops implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeliveryLoops.class.getName());

    private final Loop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    /** @param count how many loops (threads); at least one */
    DeliveryLoops(ThreadFactory threads, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one loop: " + count);
        }
        loops = new Loop[count];
        for (int i = 0; i < count; i++) {
            loops[i] = new Loop(threads, "missive-ws-loop-" + i);
        }
        for (Loop loop : loops) {
            loop.thread.start();
        }
    }

    /** The loop of a new connection, in turn. */
    EventLoop next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /** Runs what is queued, then ends every loop (waiting at most 5 s); later tasks are refused. */
    @Override
    public void close() {
        for (Loop loop : loops) {
            loop.running = false;
            LockSupport.unpark(loop.thread);
        }
        for (Loop loop : loops) {
            try {
                loop.thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One thread and its queue. */
    static final class Loop implements EventLoop, Runnable {

        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        /** Set by the loop before it parks, taken by the one submitter that wakes it. */
        private final AtomicBoolean parked = new AtomicBoolean();
        private final Thread thread;
        private volatile boolean running = true;

        Loop(ThreadFactory threads, String name) {
            thread = threads.newThread(this);
            thread.setName(name);
        }

        @Override
        public void execute(Runnable task) {
            if (!running) {
                throw new RejectedExecutionException("the WebSocket delivery loops are stopped");
            }
            tasks.add(task);
            if (parked.get() && parked.compareAndSet(true, false)) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public boolean inLoop() {
            return Thread.currentThread() == thread;
        }

        @Override
        public void run() {
            while (true) {
                Runnable task = tasks.poll();
                if (task != null) {
                    runGuarded(task);
                } else if (!running) {
                    return;
                } else {
                    // Parked is set before the queue is looked at again: a submitter either sees it and wakes
                    // this thread, or added its task before the look and the loop finds it.
                    parked.set(true);
                    if (tasks.isEmpty() && running) {
                        LockSupport.park(this);
                    }
                    parked.set(false);
                }
            }
        }

        private static void runGuarded(Runnable task) {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // a mailbox's turn handles its tasks' failures; anything reaching here is a bug, and the loop goes on
                LOG.log(Level.SEVERE, "MSV5008 A task on a WebSocket delivery loop failed", e);
            }
        }
    }
}
