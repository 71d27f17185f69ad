package io.missive.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run does, from system properties ({@code -Dbench.quick=true} and so on; {@code ./mvnw -Pbench}
 * passes {@code bench.scenarios} and {@code bench.quick}, other ones through {@code -Dbench.options="..."}).
 *
 * @param scenarios     the scenarios to run ({@code bench.scenarios}, comma-separated, or {@code all})
 * @param quick         short steps and fewer refinements, for development ({@code bench.quick})
 * @param pairs         publisher/subscriber pairs of the p2p scenarios ({@code bench.pairs})
 * @param window        publishes in flight per publisher ({@code bench.window})
 * @param stepDuration  length of one ramp step ({@code bench.step-seconds})
 * @param warmUp        length of one warm-up round; rounds repeat until the JIT calms down ({@code bench.warmup-seconds})
 * @param latencyDuration length of the run at half the maximum ({@code bench.latency-seconds})
 * @param latencyRate   rate of the latency scenario when the throughput scenario does not run ({@code bench.latency-rate})
 * @param startRate     first rate of the ramp ({@code bench.start-rate})
 * @param refinements   bisections after the first failing step ({@code bench.refinements})
 * @param fanOutMembers members of the fan-out group ({@code bench.fanout-members})
 * @param outputDir     where benchmarks.md and bench/*.png go ({@code bench.output}, default docs)
 * @param jfr           record the server with Java Flight Recorder into target/missive-bench.jfr ({@code bench.jfr})
 * @param mqttClient    the MQTT client library of the load generator, {@code hivemq} or {@code paho} ({@code bench.mqtt-client})
 * @param drainMessages messages waiting for the offline user of the drain scenario ({@code bench.drain-messages})
 * @param drainRounds   rounds of the drain scenario, each with a fresh offline user ({@code bench.drain-rounds})
 * @param idleConnections connections of the idle-connections scenario ({@code bench.idle-connections})
 * @param idlePerProcess  at most this many of them per client JVM ({@code bench.idle-per-process})
 */
record BenchOptions(Set<String> scenarios, boolean quick, int pairs, int window, Duration stepDuration, Duration warmUp,
                    Duration latencyDuration, double latencyRate, double startRate, int refinements, int fanOutMembers,
                    Path outputDir, boolean jfr, String mqttClient, int drainMessages, int drainRounds,
                    int idleConnections, int idlePerProcess) {

    static final String P2P_THROUGHPUT = "p2p-throughput";
    static final String P2P_LATENCY = "p2p-latency";
    static final String FAN_OUT = "fan-out";
    static final String OFFLINE_DRAIN = "offline-drain";
    static final String IDLE_CONNECTIONS = "idle-connections";
    static final List<String> ALL = List.of(P2P_THROUGHPUT, P2P_LATENCY, FAN_OUT, OFFLINE_DRAIN, IDLE_CONNECTIONS);

    static BenchOptions fromSystemProperties() {
        boolean quick = Boolean.getBoolean("bench.quick");
        String selected = System.getProperty("bench.scenarios", "all").trim();
        Set<String> scenarios = new LinkedHashSet<>();
        if (selected.isEmpty() || selected.equals("all")) {
            scenarios.addAll(ALL);
        } else {
            for (String name : selected.split(",")) {
                String scenario = name.trim();
                if (!ALL.contains(scenario)) {
                    throw new IllegalArgumentException("unknown scenario '" + scenario + "'; known: " + String.join(", ", ALL));
                }
                scenarios.add(scenario);
            }
        }
        return new BenchOptions(scenarios, quick,
                integer("bench.pairs", 4),
                integer("bench.window", 1000),
                Duration.ofSeconds(integer("bench.step-seconds", quick ? 3 : 10)),
                Duration.ofSeconds(integer("bench.warmup-seconds", quick ? 5 : 10)),
                Duration.ofSeconds(integer("bench.latency-seconds", quick ? 8 : 30)),
                integer("bench.latency-rate", 1000),
                integer("bench.start-rate", 1000),
                integer("bench.refinements", quick ? 2 : 3),
                integer("bench.fanout-members", 1000),
                Path.of(System.getProperty("bench.output", "docs")),
                Boolean.getBoolean("bench.jfr"),
                mqttClient(System.getProperty("bench.mqtt-client", "hivemq")),
                integer("bench.drain-messages", quick ? 2_000 : 10_000),
                integer("bench.drain-rounds", quick ? 1 : 3),
                integer("bench.idle-connections", quick ? 2_000 : 15_000),
                integer("bench.idle-per-process", 5_000));
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    private static String mqttClient(String name) {
        if (!name.equals("hivemq") && !name.equals("paho")) {
            throw new IllegalArgumentException("bench.mqtt-client must be hivemq or paho, not '" + name + "'");
        }
        return name;
    }

    private static int integer(String name, int defaultValue) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", e);
        }
    }
}
