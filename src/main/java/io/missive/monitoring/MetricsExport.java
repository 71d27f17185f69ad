package io.missive.monitoring;

import java.util.Set;

/**
 * A metrics system of the server's that Missive's own figures ({@link TrafficCounters}, the
 * connections, the backlog) are copied into, once a second off the delivery path. Where the server
 * has none, Missive serves the figures itself ({@link PrometheusText} at {@code /metrics}).
 */
interface MetricsExport {

    /** Copies what changed since the last call; {@code protocols} are every connection label seen so far. */
    void sample(Set<String> protocols);
}
