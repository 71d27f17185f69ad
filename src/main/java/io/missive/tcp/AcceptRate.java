package io.missive.tcp;

/**
 * A token bucket for one listener's accepted connections, as EMQX's {@code max_conn_rate}: once it
 * is empty the listener stops accepting until a token is back, so that a flood of new connections
 * waits in the kernel's accept backlog (and, past it, is dropped there) instead of taking the CPU
 * that the open connections' messages need. Holds a second's worth of connections as its burst.
 */
final class AcceptRate {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perSecond;
    private double tokens;
    private long refilledAt;

    /** @param perSecond connections accepted per second on average; at least 1 */
    AcceptRate(int perSecond, long nowNanos) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("an accept rate must be at least 1 per second, not " + perSecond);
        }
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.refilledAt = nowNanos;
    }

    /**
     * Takes the token of a connection just accepted; answers 0 when the listener may go on accepting,
     * or how many nanoseconds it must pause until the next token.
     */
    synchronized long accepted(long nowNanos) {
        tokens = Math.min(perSecond, tokens + (nowNanos - refilledAt) * perSecond / NANOS_PER_SECOND);
        refilledAt = nowNanos;
        tokens -= 1;
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * NANOS_PER_SECOND / perSecond);
    }
}
