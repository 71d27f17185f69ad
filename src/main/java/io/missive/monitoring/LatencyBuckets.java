package io.missive.monitoring;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Delivery latencies counted into fixed buckets (a 1-2-5 series of milliseconds) with one
 * {@link LongAdder} each, plus their exact sum and maximum: recording takes no lock and allocates
 * nothing, from any number of threads. Missive's own Prometheus text reads the buckets as a
 * histogram; for a metrics library's histogram, which is too costly for the delivery path, a single
 * reader {@linkplain #drain drains} what was recorded since its last turn and replays it.
 */
final class LatencyBuckets {

    /** Upper bounds, in milliseconds; a latency above the last falls into an overflow bucket. */
    static final long[] BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000};
    /** What the overflow bucket replays as: twice the last bound. */
    static final long OVERFLOW_VALUE = 2 * BOUNDS[BOUNDS.length - 1];

    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1];
    private final long[] drained = new long[BOUNDS.length + 1];
    private final LongAdder sum = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    LatencyBuckets() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void record(long millis) {
        int i = 0;
        while (i < BOUNDS.length && millis > BOUNDS[i]) {
            i++;
        }
        counts[i].increment();
        sum.add(millis);
        max.accumulate(millis);
    }

    /** How many latencies fell into each bucket since the start; the last is the overflow bucket. */
    long[] counts() {
        long[] totals = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            totals[i] = counts[i].sum();
        }
        return totals;
    }

    /** The sum of every latency recorded, in milliseconds. */
    long sum() {
        return sum.sum();
    }

    /** The largest latency recorded, in milliseconds; 0 before the first. */
    long max() {
        return max.get();
    }

    /**
     * Replays every latency recorded since the last call as its bucket's upper bound. Call from
     * one thread at a time.
     */
    void drain(LongConsumer into) {
        for (int i = 0; i < counts.length; i++) {
            long total = counts[i].sum();
            long fresh = total - drained[i];
            drained[i] = total;
            long value = i < BOUNDS.length ? BOUNDS[i] : OVERFLOW_VALUE;
            for (long n = 0; n < fresh; n++) {
                into.accept(value);
            }
        }
    }
}
