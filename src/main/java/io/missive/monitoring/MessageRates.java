package io.missive.monitoring;

/**
 * Recent rates of two ever-growing totals (messages in and out): sampled once a second into a
 * small ring, the rate is the growth over the ring's span (about {@value #SPAN_SAMPLES} seconds).
 * Sampling and reading are synchronized: they happen a few times a second, never per message.
 */
public final class MessageRates {

    static final int SPAN_SAMPLES = 5;

    /** Messages per second in and out. */
    public record Rates(double in, double out) {
    }

    private final long[] at = new long[SPAN_SAMPLES + 1];
    private final long[] in = new long[SPAN_SAMPLES + 1];
    private final long[] out = new long[SPAN_SAMPLES + 1];
    private int next;
    private int filled;

    synchronized void sample(long nowMillis, long totalIn, long totalOut) {
        at[next] = nowMillis;
        in[next] = totalIn;
        out[next] = totalOut;
        next = (next + 1) % at.length;
        filled = Math.min(filled + 1, at.length);
    }

    /** The rates between the oldest and the newest sample; zero before two samples exist. */
    synchronized Rates rates() {
        if (filled < 2) {
            return new Rates(0, 0);
        }
        int newest = (next - 1 + at.length) % at.length;
        int oldest = filled < at.length ? 0 : next;
        double seconds = (at[newest] - at[oldest]) / 1000.0;
        if (seconds <= 0) {
            return new Rates(0, 0);
        }
        return new Rates((in[newest] - in[oldest]) / seconds, (out[newest] - out[oldest]) / seconds);
    }
}
