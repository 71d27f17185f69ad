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
 *
 * <p>A mailbox may be bound to its connection's {@link EventLoop}. Then the tasks submitted as
 * {@linkplain #executeNonBlocking non-blocking} (a delivery, an acknowledgement, a frame the
 * protocol handles without waiting) run on that loop, inline when the loop itself submits them
 * to an idle mailbox: a message then costs no hand-off between the socket's thread and a pool
 * thread, which was most of its CPU. Every other task may block (a database read, a login) and
 * runs on the pool; the turn moves there when it meets one, and stays until the mailbox is
 * empty. Order is the submission order whichever thread runs a task.
 */
public final class SerialExecutor extends AtomicBoolean implements Executor {

    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());
    /** Tasks run per turn before the pool gets the thread back, so that busy sessions share fairly. */
    private static final int BATCH = 64;
    /** The mailbox the current thread is running a turn of, if any: a turn never starts inside another. */
    private static final ThreadLocal<SerialExecutor> IN_TURN = new ThreadLocal<>();

    private final transient Executor pool;
    /** Where non-blocking tasks run; null: everything runs on the pool. */
    private final transient EventLoop loop;
    private final transient ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Who hears of a task that threw: the connection that owns the mailbox; by default only the log. */
    private transient volatile Consumer<Throwable> onFailure;

    // --- confined to the turn running now (hand-offs between threads go through an executor) ---
    /** Whether the current turn runs on the loop, where nothing may block. */
    private transient boolean onLoop;
    /** What a task left to run next on the pool ({@link #continueBlockingHere}); null for nothing. */
    private transient Runnable blockingNext;

    /** A mailbox whose every task runs on {@code pool}. */
    public SerialExecutor(Executor pool) {
        this(pool, null);
    }

    /** A mailbox whose non-blocking tasks run on {@code loop} (null: on the pool too). */
    public SerialExecutor(Executor pool, EventLoop loop) {
        this.pool = pool;
        this.loop = loop;
    }

    /** A task submitted as never blocking; only wrapped on a mailbox that has a loop. */
    private record NonBlocking(Runnable task) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }

    /**
     * Routes the failures of this mailbox's tasks to {@code handler}, which runs on the mailbox in
     * place of the failed task: a connection closes itself with its protocol's server-error answer
     * instead of being left half-done.
     */
    public void onFailure(Consumer<Throwable> handler) {
        this.onFailure = handler;
    }

    /** Runs {@code task} after everything submitted before; it may block, so it runs on the pool. Any thread. */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule(true);
    }

    /**
     * Runs {@code task} after everything submitted before, on the mailbox's loop if it has one: the
     * task must not block, and when it finds it would have to, hands the rest to {@link #continueBlockingHere}.
     * Any thread.
     */
    public void executeNonBlocking(Runnable task) {
        tasks.add(loop == null ? task : new NonBlocking(task));
        schedule(true);
    }

    /**
     * Where an answer that never blocks runs: {@code replyOn}'s loop when it is a mailbox (as
     * {@link #executeNonBlocking}), else {@code replyOn} itself.
     */
    public static Executor forNonBlocking(Executor replyOn) {
        return replyOn instanceof SerialExecutor mailbox ? mailbox::executeNonBlocking : replyOn;
    }

    /** Whether the calling thread is running one of this mailbox's tasks now. */
    public boolean inTurnHere() {
        return IN_TURN.get() == this;
    }

    /**
     * Whether the calling thread may block: false in a task a mailbox runs on its event loop, where
     * a wait would stall every connection of that loop.
     */
    public static boolean mayBlockHere() {
        SerialExecutor running = IN_TURN.get();
        return running == null || !running.onLoop;
    }

    /**
     * For a task running on its mailbox's event loop that finds it must block (a read the cache could
     * not answer): runs {@code rest} on the same mailbox right after it, before any other task, on the
     * pool. Only where {@link #mayBlockHere} is false.
     */
    public static void continueBlockingHere(Runnable rest) {
        SerialExecutor running = IN_TURN.get();
        if (running == null || !running.onLoop) {
            throw new IllegalStateException("not in a mailbox's turn on its event loop");
        }
        if (running.blockingNext != null) {
            throw new IllegalStateException("a task hands one continuation to the pool");
        }
        running.blockingNext = rest;
    }

    private void schedule(boolean mayRunHere) {
        if (!compareAndSet(false, true)) {
            return;
        }
        try {
            if (loop != null && tasks.peek() instanceof NonBlocking) {
                if (mayRunHere && IN_TURN.get() == null && loop.inLoop()) {
                    turn(true);   // the loop's own work to an idle mailbox: no hand-off at all
                } else {
                    loop.execute(this::turnOnLoop);
                }
            } else {
                pool.execute(this::turnOnPool);
            }
        } catch (RejectedExecutionException e) {
            dropAll();
            set(false);
        }
    }

    /** The pool or the loop refused the mailbox's turn: it is shutting down, and the tasks go with it. */
    private void dropAll() {
        tasks.clear();
        blockingNext = null;
        LOG.fine("Pool refused a session's tasks (shutting down); they are dropped");
    }

    private void turnOnLoop() {
        turn(true);
    }

    private void turnOnPool() {
        turn(false);
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

    private void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            failed(e);
        }
    }

    /**
     * Runs up to {@link #BATCH} tasks. On the loop the turn stops at the first task that may block
     * (or a continuation left for the pool) and goes on on the pool, the mailbox still scheduled.
     */
    private void turn(boolean loopTurn) {
        SerialExecutor outer = IN_TURN.get();
        IN_TURN.set(this);
        onLoop = loopTurn;
        boolean movedToPool = false;
        try {
            if (!loopTurn) {
                runContinuations();   // left by the loop turn this one goes on from
            }
            for (int i = 0; i < BATCH; i++) {
                Runnable task = tasks.peek();
                if (task == null) {
                    break;
                }
                if (loopTurn && !(task instanceof NonBlocking)) {
                    movedToPool = moveToPool();
                    return;
                }
                tasks.poll();   // only the turn takes tasks: the head is still the task peeked
                runGuarded(task);
                if (blockingNext != null) {
                    if (loopTurn) {
                        movedToPool = moveToPool();
                        return;
                    }
                    runContinuations();
                }
            }
        } finally {
            IN_TURN.set(outer);
            if (!movedToPool) {   // else the pool's turn owns the fields now
                onLoop = false;
                set(false);
                if (!tasks.isEmpty()) {
                    schedule(false);
                }
            }
        }
    }

    private void runContinuations() {
        for (Runnable next = blockingNext; next != null; next = blockingNext) {
            blockingNext = null;
            runGuarded(next);
        }
    }

    /** Goes on with the turn on the pool; false when the pool refused (shutting down: the tasks are dropped). */
    private boolean moveToPool() {
        try {
            pool.execute(this::turnOnPool);
            return true;
        } catch (RejectedExecutionException e) {
            dropAll();
            return false;
        }
    }
}
