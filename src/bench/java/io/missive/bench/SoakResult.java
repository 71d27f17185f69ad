package io.missive.bench;

import java.util.List;

/**
 * A soak run: a steady durable p2p load for a long time, the server's memory sampled as it went.
 *
 * @param target    the protocol, as {@code ClientFactory#name()}
 * @param rate      messages per second offered, over all pairs
 * @param rateFrom  where the rate came from, in words
 * @param seconds   how long the load ran
 * @param sent      messages published
 * @param acknowledged publishes the server acknowledged
 * @param received  messages delivered, late ones included
 * @param errors    refusals and connection failures
 * @param samples   the server's memory after each interval
 */
record SoakResult(String target, double rate, String rateFrom, double seconds, long sent, long acknowledged, long received,
                  long errors, List<Sample> samples) {

    /** Growth per hour of a figure that counts as flat: within the noise of a GC'd heap and of RSS. */
    static final double FLAT_MIB_PER_HOUR = 32;

    /**
     * @param minutes       since the load started
     * @param heapAfterGcKib the heap in use after a full GC
     * @param residentKib   VmRSS
     * @param p99Micros     the interval's delivery p99
     */
    record Sample(double minutes, long heapAfterGcKib, long residentKib, long p99Micros) {
    }

    long lost() {
        return Math.max(0, sent - received);
    }

    /** The least-squares slope of the heap after GC, MiB per hour, over every sample but the first (warming up). */
    double heapSlopeMibPerHour() {
        return slope(true);
    }

    double residentSlopeMibPerHour() {
        return slope(false);
    }

    boolean flat() {
        return heapSlopeMibPerHour() <= FLAT_MIB_PER_HOUR && residentSlopeMibPerHour() <= FLAT_MIB_PER_HOUR;
    }

    private double slope(boolean heap) {
        List<Sample> used = samples.size() > 2 ? samples.subList(1, samples.size()) : samples;
        if (used.size() < 2) {
            return 0;
        }
        double n = used.size();
        double meanX = used.stream().mapToDouble(Sample::minutes).sum() / n;
        double meanY = used.stream().mapToDouble(s -> kib(s, heap)).sum() / n;
        double covariance = 0;
        double variance = 0;
        for (Sample s : used) {
            covariance += (s.minutes() - meanX) * (kib(s, heap) - meanY);
            variance += (s.minutes() - meanX) * (s.minutes() - meanX);
        }
        return variance == 0 ? 0 : covariance / variance * 60 / 1024;
    }

    private static double kib(Sample s, boolean heap) {
        return heap ? s.heapAfterGcKib() : s.residentKib();
    }
}
