package io.missive.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies in microseconds, recorded from many threads at once (HdrHistogram's {@link Recorder}
 * is wait-free for writers), up to an hour with three significant digits.
 */
final class LatencyHistograms {

    static final long HIGHEST_MICROS = 3_600_000_000L;

    private LatencyHistograms() {
    }

    static Recorder newRecorder() {
        return new Recorder(HIGHEST_MICROS, 3);
    }

    static Histogram empty() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    static long micros(long nanos) {
        return Math.max(0, Math.min(HIGHEST_MICROS, nanos / 1_000));
    }

    /** Milliseconds with a precision that suits the value, for tables. */
    static String millis(long micros) {
        double ms = micros / 1000.0;
        if (ms < 10) {
            return String.format("%.2f", ms);
        }
        if (ms < 100) {
            return String.format("%.1f", ms);
        }
        return String.format("%.0f", ms);
    }
}
