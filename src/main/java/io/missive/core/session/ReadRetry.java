package io.missive.core.session;

/**
 * When a session whose catch-up read failed reads again: after 500 ms, then twice as long each
 * time up to 30 s, so that a database that is down is not hammered by every session at once.
 * Confined to the session's mailbox.
 */
final class ReadRetry {

    private static final long FIRST_MILLIS = 500;
    private static final long MAX_MILLIS = 30_000;

    private long at = Long.MAX_VALUE;
    private long delay;

    /** Whether a failed read waits for its retry at {@code now}. */
    boolean waiting(long now) {
        return at != Long.MAX_VALUE && now < at;
    }

    /** Whether a retry is due at {@code now}. */
    boolean due(long now) {
        return at <= now;
    }

    /** A read failed at {@code now}; answers whether it is the first of a streak (to be logged). */
    boolean failed(long now) {
        boolean first = delay == 0;
        delay = first ? FIRST_MILLIS : Math.min(delay * 2, MAX_MILLIS);
        at = now + delay;
        return first;
    }

    /** A read worked; answers whether reads had been failing. */
    boolean succeeded() {
        boolean recovered = delay != 0;
        delay = 0;
        at = Long.MAX_VALUE;
        return recovered;
    }

    /** When the deadline wheel should wake the session for the retry, or {@link Long#MAX_VALUE}. */
    long wakeAt(long now) {
        return at > now ? at : Long.MAX_VALUE;
    }
}
