package io.missive.core.timer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One owner's deadline on a {@link DeadlineWheel}: at most one time at which the owner's
 * {@link Tickable#fire} runs. Once fired, it holds none until the owner sets the next.
 */
public final class Deadline {

    private static final VarHandle AT;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            AT = lookup.findVarHandle(Deadline.class, "at", long.class);
            OWNER = lookup.findVarHandle(Deadline.class, "owner", Tickable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DeadlineWheel wheel;
    private volatile Tickable owner;
    private volatile long at = Long.MAX_VALUE;

    // --- confined to the wheel's advancing thread ---
    long filedTick = Long.MIN_VALUE;
    long visited;

    Deadline(DeadlineWheel wheel, Tickable owner) {
        this.wheel = wheel;
        this.owner = owner;
    }

    /** Epoch millis at which the owner fires, or {@link Long#MAX_VALUE} for none. */
    public long at() {
        return at;
    }

    /** Replaces the deadline; {@link Long#MAX_VALUE} for none. Any thread; cheap unless it moves earlier. */
    public void set(long atMillis) {
        long before = (long) AT.getAndSet(this, atMillis);
        if (atMillis < before && owner != null) {
            wheel.earlier(this);
        }
    }

    /** Sets the deadline to {@code atMillis} if that is earlier than the one set. */
    public void setEarlier(long atMillis) {
        if (atMillis < at) {
            set(atMillis);
        }
    }

    /** Never fires again; the wheel drops it when it next meets it. Idempotent. */
    public void cancel() {
        if (owner != null && OWNER.compareAndSet(this, owner, null)) {
            wheel.cancelled();
        }
    }

    Tickable owner() {
        return owner;
    }

    /** Clears the deadline that came due, unless the owner set another since the wheel read {@code seen}. */
    boolean clear(long seen) {
        return AT.compareAndSet(this, seen, Long.MAX_VALUE);
    }
}
