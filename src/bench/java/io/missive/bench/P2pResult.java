package io.missive.bench;

import java.util.List;

/**
 * The p2p scenarios for one target: the ramp's steps and the highest sustained rate, and the run
 * at half of it (null when a scenario did not run).
 *
 * @param target       e.g. "Mosquitto MQTT QoS 1"
 * @param durable      whether the target's acknowledgement means the message is on disk
 * @param acknowledgedOnDelivery whether the target's server gives a publisher no acknowledgement (FishChat), so
 *                     that a publish counted as acknowledged when it reached its subscriber: its acknowledgement
 *                     latencies are delivery latencies, not a figure to report
 * @param ramp         the ramp's steps in order (empty when the throughput scenario did not run)
 * @param maxSustained the highest sustained rate, messages per second (0 when none was or the scenario did not run)
 * @param hitCeiling   whether every step passed up to the ramp's ceiling
 * @param latency      the run at half the maximum (or at the configured rate), null when not run
 * @param cost         the run at the one rate of every target ({@code bench.cost-rate}), null when not run
 */
record P2pResult(String target, boolean durable, boolean acknowledgedOnDelivery, List<StepResult> ramp,
                 double maxSustained, boolean hitCeiling, StepResult latency, StepResult cost) {
}
