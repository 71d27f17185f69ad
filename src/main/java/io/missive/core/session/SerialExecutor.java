package io.missive.core.session;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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
    /** Who hears of a task that threw: the connection that owns the mailbox; by default only the log. */
    private transient volatile Consumer<Throwable> onFailure;

    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    /**
     * Routes the failures of this mailbox's tasks to {@code handler}, which runs on the mailbox in
     * place of the failed task: a connection closes itself with its protocol's server-error answer
     * instead of being left half-done.
     */
    public void onFailure(Consumer<Throwable> handler) {
        this.onFailure = handler;
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

    private void failed(Throwable e) {
        Consumer<Throwable> handler = onFailure;
        if (handler == null) {
            LOG.log(Level.SEVERE, "MSV1000 A task of a mailbox without an owner failed", e);
            return;
        }
        try {
            handler.accept(e);
        } catch (RuntimeException | Error again) {
            again.addSuppressed(e);
            LOG.log(Level.SEVERE, "MSV1000 A task failed, and so did its owner's handling of it", again);
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
                    failed(e);
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
