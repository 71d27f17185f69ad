package io.missive.bench;

import java.time.Instant;

/**
 * One time line for the suite's JVMs. {@link System#nanoTime()} has an origin of its own in each JVM
 * (the Java specification promises nothing across processes), so an arrival in a client process
 * cannot be compared with a send in the suite's JVM by it. The wall clock is the machine's one clock
 * for all processes, but {@link System#currentTimeMillis()} is coarse and may be stepped. So each JVM
 * measures, once at start, the offset between its {@code nanoTime} and the wall clock (to the
 * microsecond, as {@link Instant#now()} gives it on Linux), and stamps events with
 * {@code nanoTime + offset}: the precision of {@code nanoTime} between events, on a time line the
 * processes share to within a few microseconds (the error of the two offset readings).
 */
final class SharedClock {

    private static final int SAMPLES = 50;
    private static final long OFFSET_NANOS = measureOffset();

    private SharedClock() {
    }

    /** {@code nanoTime}, a reading of {@link System#nanoTime()} in this JVM, as nanoseconds since the epoch. */
    static long epochNanos(long nanoTime) {
        return nanoTime + OFFSET_NANOS;
    }

    /**
     * The wall clock read between two {@code nanoTime} readings, many times: the tightest pair holds the
     * wall-clock reading closest to its midpoint.
     */
    private static long measureOffset() {
        long best = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long before = System.nanoTime();
            Instant wall = Instant.now();
            long after = System.nanoTime();
            if (after - before < best) {
                best = after - before;
                offset = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - (before + (after - before) / 2);
            }
        }
        return offset;
    }
}
