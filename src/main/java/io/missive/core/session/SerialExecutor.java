package io.missive.core.session;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one session's tasks one at a time, in submission order, on a shared pool: the
 * session's state is touched by one thread at a time without any lock, and no global lock
 * orders different sessions. Extends AtomicBoolean (the "scheduled" flag) to stay small.
 */
public final class SerialExecutor extends AtomicBoolean implements Executor {

    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());
    /** Tasks run per turn before the pool gets the thread back, so that busy sessions share fairly. */
    private static final int BATCH = 64;

    private final transient Executor pool;
    private final transient ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                set(false);
                tasks.clear();
                LOG.fine("Pool refused a session's tasks (shutting down); they are dropped");
            }
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < BATCH; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.SEVERE, "A session task failed", e);
                }
            }
        } finally {
            set(false);
            if (!tasks.isEmpty()) {
                schedule();
            }
        }
    }
}
