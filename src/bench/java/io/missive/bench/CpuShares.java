package io.missive.bench;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Average cores used by each process group during a step, and by everything else on the machine
 * ({@code others}, NaN when /proc/stat could not be read).
 */
record CpuShares(Map<String, Double> cores, double others) {

    /** The group name of this JVM, the load generator. */
    static final String LOAD_GENERATOR = "load generator";

    String summary() {
        String ours = cores.entrySet().stream()
                .filter(e -> e.getValue() >= 0.005)
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return "cores used: " + ours + (Double.isNaN(others) ? "" : String.format(", other processes %.2f", others));
    }
}
