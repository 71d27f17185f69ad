package io.missive.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * When each message of one publisher is meant to be sent: message {@code i} at
 * {@code start + i / rate}, whatever happened to the messages before it. A sender that falls
 * behind sends late messages at once, stamped with their intended time, so the delay it suffered
 * counts in the latency (no coordinated omission).
 */
final class FixedRateSchedule {

    private final long startNanos;
    private final double ratePerSecond;
    private final long count;

    /**
     * @param startNanos    {@link System#nanoTime()} of message 0
     * @param ratePerSecond messages per second of this schedule
     * @param durationNanos how long the schedule runs; it holds the messages whose time falls before its end
     */
    FixedRateSchedule(long startNanos, double ratePerSecond, long durationNanos) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, not " + ratePerSecond);
        }
        this.startNanos = startNanos;
        this.ratePerSecond = ratePerSecond;
        // the small allowance keeps a whole number of messages (3/s for 1 s) from becoming one more
        this.count = (long) Math.ceil(durationNanos * ratePerSecond / 1e9 - 1e-6);
    }

    /** How many messages the schedule holds. */
    long count() {
        return count;
    }

    /** The intended send time of message {@code index} (0-based). */
    long intendedNanos(long index) {
        return startNanos + Math.round(index * 1e9 / ratePerSecond);
    }

    /** Parks until {@code nanoTime}; returns at once when it has passed. */
    static void waitUntil(long nanoTime) {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
