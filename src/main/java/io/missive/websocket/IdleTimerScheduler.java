package io.missive.websocket;

import jakarta.websocket.Session;

import java.lang.reflect.Field;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the WebSocket implementation schedules each session's idle timer. Tyrus (Payara's
 * implementation) cancels and schedules that timer again for every message in and out, on the
 * container's managed scheduled executor, which captures the caller's context for each task; on
 * Payara that capture scans the class path (a ServiceLoader lookup through a few hundred jars).
 * Profiled under load, it was over half of the server's CPU. This scheduler takes the timer of
 * Missive's sessions over: a plain scheduled pool on one thread from the container's
 * {@code ManagedThreadFactory}, removing cancelled timers at once so that they never pile up.
 *
 * <p>With no idle timeout (Missive's sessions have none), Tyrus still schedules its timer task, due at
 * once, for every message in and out; the task finds no timeout and does nothing. Such a task runs here on
 * the caller's thread: queued, it woke the scheduler's thread twice per message (a binary/ws profile,
 * issue 18). A task with a delay is scheduled as usual.
 *
 * <p>It sets a private field of Tyrus's session, the one place where the implementation can be
 * told which scheduler to use. With another implementation, or a Tyrus without that field, it
 * does nothing and says so once in the log: sessions then keep the implementation's scheduler.
 */
final class IdleTimerScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IdleTimerScheduler.class.getName());
    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    private static final String SCHEDULER_FIELD = "service";

    private final ScheduledThreadPoolExecutor scheduler;
    private volatile boolean unsupportedLogged;

    IdleTimerScheduler(ThreadFactory threads) {
        scheduler = new DueNowInline(threads);
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Moves {@code ws}'s idle timer to this scheduler; answers whether it could. */
    boolean takeOver(Session ws) {
        Field field = schedulerField(ws.getClass());
        if (field == null) {
            return false;
        }
        try {
            field.set(ws, scheduler);
            return true;
        } catch (IllegalAccessException | RuntimeException e) {
            logUnsupported(ws.getClass(), e);
            return false;
        }
    }

    private Field schedulerField(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(TYRUS_SESSION)) {
                try {
                    Field field = c.getDeclaredField(SCHEDULER_FIELD);
                    if (field.getType() == ScheduledExecutorService.class) {
                        field.setAccessible(true);
                        return field;
                    }
                } catch (NoSuchFieldException | RuntimeException e) {
                    logUnsupported(type, e);
                    return null;
                }
            }
        }
        logUnsupported(type, null);
        return null;
    }

    private void logUnsupported(Class<?> type, Throwable cause) {
        if (!unsupportedLogged) {
            unsupportedLogged = true;
            LOG.log(Level.INFO, "MSV5007 WebSocket sessions of " + type.getName() + " keep their own idle-timer scheduler", cause);
        }
    }

    /** A one-thread scheduler that runs a task due now on the caller's thread instead of queueing it. */
    static final class DueNowInline extends ScheduledThreadPoolExecutor {

        DueNowInline(ThreadFactory threads) {
            super(1, threads);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (delay > 0 || isShutdown()) {
                return super.schedule(command, delay, unit);
            }
            command.run();
            return Ran.INSTANCE;
        }
    }

    /** The future of a task that has run. */
    private static final class Ran implements ScheduledFuture<Object> {
        static final Ran INSTANCE = new Ran();

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
