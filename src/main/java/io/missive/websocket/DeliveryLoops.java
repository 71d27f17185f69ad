package io.missive.websocket;

import io.missive.core.session.EventLoop;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A few threads, each the event loop of the container WebSocket connections given to it: a delivery, an
 * answer or an acknowledgement released by another thread (the store's writer after a commit) runs there
 * ({@link ReadingThread}). The container hands out no event loop of its own, and on the mailbox pool each
 * connection's turn woke a thread of its own: after a commit that released work for eight connections,
 * eight wake-ups. A loop is one thread with its queue (a one-thread executor): it wakes once for whatever
 * queued while it slept and runs it all (as the TCP connector's Netty loops do). Only work that never blocks
 * comes here; the rest stays on the pool.
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
    }

    /** The loop of a new connection, in turn. */
    EventLoop next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /** Runs what is queued, then ends every loop (waiting at most 5 s); later tasks are refused. */
    @Override
    public void close() {
        for (Loop loop : loops) {
            loop.executor.shutdown();
        }
        for (Loop loop : loops) {
            try {
                loop.executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One thread and its queue. */
    static final class Loop implements EventLoop {

        private final ThreadPoolExecutor executor;
        /** The loop's thread, known once made (and again should the executor ever replace it). */
        private volatile Thread thread;

        Loop(ThreadFactory threads, String name) {
            executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
                Thread made = threads.newThread(task);
                made.setName(name);
                thread = made;
                return made;
            });
            executor.prestartCoreThread();
        }

        /** Refused (RejectedExecutionException) once the loops are closed. */
        @Override
        public void execute(Runnable task) {
            executor.execute(() -> runGuarded(task));
        }

        @Override
        public boolean inLoop() {
            return Thread.currentThread() == thread;
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
