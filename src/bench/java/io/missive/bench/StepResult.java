package io.missive.bench;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one fixed-rate step of a p2p load.
 *
 * @param offeredRate    messages per second the schedule asked for, over all publishers
 * @param seconds        how long the schedule ran
 * @param scheduled      messages the schedule held
 * @param sent           messages published (fewer than scheduled when the sender gave up, far behind)
 * @param acknowledged   publishes the server acknowledged
 * @param received       messages that reached their subscriber
 * @param errors         refusals and connection failures
 * @param deliveredRate  received messages per second, from the first intended send to the last arrival
 * @param delivery       latency from intended send to arrival, microseconds
 * @param acknowledgement latency from intended send to the server's acknowledgement, microseconds
 * @param cpu            CPU use of each process group during the step
 * @param sustained      whether every message arrived and the p99 stayed within the limit
 * @param verdict        why, in words
 */
record StepResult(double offeredRate, double seconds, long scheduled, long sent, long acknowledged, long received,
                  long errors, double deliveredRate, Histogram delivery, Histogram acknowledgement, CpuShares cpu,
                  boolean sustained, String verdict) {

    long p50() {
        return delivery.getValueAtPercentile(50);
    }

    long p99() {
        return delivery.getValueAtPercentile(99);
    }

    long p999() {
        return delivery.getValueAtPercentile(99.9);
    }

    long max() {
        return delivery.getMaxValue();
    }

    /** One progress line. */
    String summary() {
        return String.format("offered %,8.0f msg/s  delivered %,8.0f msg/s  p50 %7s ms  p99 %7s ms  p99.9 %7s ms  "
                        + "ack p99 %7s ms  %s  [%s]",
                offeredRate, deliveredRate, LatencyHistograms.millis(p50()), LatencyHistograms.millis(p99()),
                LatencyHistograms.millis(p999()), LatencyHistograms.millis(acknowledgement.getValueAtPercentile(99)),
                sustained ? "SUSTAINED" : "NOT SUSTAINED: " + verdict, cpu.summary());
    }
}
