package io.missive.monitoring;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Delivery latencies counted into fixed buckets (a 1-2-5 series of milliseconds) with one
 * {@link LongAdder} each: recording takes no lock and allocates nothing, from any number of
 * threads. A single reader {@linkplain #drain drains} what was recorded since its last turn and
 * replays it, one value per recording, into a histogram that is too costly for the delivery path.
 */
final class LatencyBuckets {

    /** Upper bounds, in milliseconds; a latency above the last falls into an overflow bucket. */
    static final long[] BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000};
    /** What the overflow bucket replays as: twice the last bound. */
    static final long OVERFLOW_VALUE = 2 * BOUNDS[BOUNDS.length - 1];

    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1];
    private final long[] drained = new long[BOUNDS.length + 1];

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
