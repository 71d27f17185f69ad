package io.missive.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a run does, from system properties ({@code -Dbench.quick=true} and so on; {@code ./mvnw -Pbench}
 * passes {@code bench.scenarios} and {@code bench.quick}, other ones through {@code -Dbench.options="..."}).
 *
 * @param scenarios     the scenarios to run ({@code bench.scenarios}, comma-separated, or {@code all}: every one
 *                      but {@link #COMMIT_FEED_GATE} and {@link #CLUSTER}, which are named on their own)
 * @param quick         short steps and fewer refinements, for development ({@code bench.quick})
 * @param pairs         publisher/subscriber pairs of the p2p scenarios ({@code bench.pairs})
 * @param window        publishes in flight per publisher ({@code bench.window})
 * @param stepDuration  length of one ramp step ({@code bench.step-seconds})
 * @param warmUp        length of one warm-up round; rounds repeat until the JIT calms down ({@code bench.warmup-seconds})
 * @param latencyDuration length of the run at half the maximum ({@code bench.latency-seconds})
 * @param latencyRate   rate of the latency scenario when the throughput scenario does not run ({@code bench.latency-rate})
 * @param startRate     first rate of the ramp ({@code bench.start-rate})
 * @param refinements   bisections after the first failing step ({@code bench.refinements})
 * @param p2pTargets   the targets of the p2p scenarios ({@code bench.p2p-targets}, comma-separated, or {@code all})
 * @param fanOutMembers receiving members of each fan-out group, one row per size ({@code bench.fanout-members},
 *                      comma-separated)
 * @param outputDir     where benchmarks.md and bench/*.png go ({@code bench.output}, default docs)
 * @param jfr           record the server with Java Flight Recorder into target/missive-bench.jfr ({@code bench.jfr})
 * @param mqttClient    the MQTT client library of the load generator, {@code hivemq} or {@code paho} ({@code bench.mqtt-client})
 * @param drainMessages messages waiting for the offline user of the drain scenario, one row per size
 *                      ({@code bench.drain-messages}, comma-separated)
 * @param drainRounds   rounds of the drain scenario, each with a fresh offline user ({@code bench.drain-rounds})
 * @param idleConnections connections of the idle-connections scenario ({@code bench.idle-connections})
 * @param clientsPerProcess at most this many connections per client JVM, idle or fan-out members
 *                      ({@code bench.clients-per-process})
 * @param putDuration   length of the wrk run against {@code /put} ({@code bench.put-seconds})
 * @param gateCell      measured length of one cell of the commit-feed gate ({@code bench.gate-seconds})
 * @param gateWarmUp    unmeasured start of each gate cell ({@code bench.gate-warmup-seconds})
 * @param gateRuns      times the gate measures every cell, one table each ({@code bench.gate-runs})
 * @param clusterMembers members of the group spread over the cluster's nodes ({@code bench.cluster-members})
 * @param failoverUsers users on the node the cluster scenario kills ({@code bench.failover-users})
 * @param soakDuration  how long the soak's load runs ({@code bench.soak.minutes})
 * @param soakRate      the soak's rate; 0 for half the maximum sustained ({@code bench.soak.rate})
 * @param soakSample    how often the soak reads the server's memory ({@code bench.soak.sample-seconds})
 * @param costRate      the one rate at which every p2p target's CPU per message is measured ({@code bench.cost-rate})
 * @param costDuration  length of that run ({@code bench.cost-seconds})
 * @param loginFlood    the login-flood scenario's load and flood
 * @param passwordIterations Missive's PBKDF2 work factor ({@code bench.password-iterations}, {@value #LOW_PASSWORD_ITERATIONS}:
 *                      the suite logs in thousands of users; 600000, Missive's default, for a login flood as in production)
 * @param serverJvm     JVM options added to Missive's (a collector, say), space-separated ({@code bench.server-jvm})
 */
record BenchOptions(Set<String> scenarios, boolean quick, int pairs, int window, Duration stepDuration, Duration warmUp,
                    Duration latencyDuration, double latencyRate, double startRate, int refinements,
                    Set<String> p2pTargets, List<Integer> fanOutMembers, Path outputDir, boolean jfr, String mqttClient,
                    List<Integer> drainMessages, int drainRounds, int idleConnections, int clientsPerProcess, Duration putDuration,
                    Duration gateCell, Duration gateWarmUp, int gateRuns, int clusterMembers, int failoverUsers,
                    Duration soakDuration, double soakRate, Duration soakSample, double costRate, Duration costDuration,
                    LoginFlood loginFlood, int passwordIterations, List<String> serverJvm) {

    /** The least work factor Missive accepts, the suite's default. */
    static final int LOW_PASSWORD_ITERATIONS = 1024;

    /**
     * @param rate    the p2p load whose delivery latency is watched ({@code bench.login-flood.rate})
     * @param phase   how long each phase runs ({@code bench.login-flood.seconds})
     * @param threads threads sending bad logins ({@code bench.login-flood.threads})
     */
    record LoginFlood(double rate, Duration phase, int threads) {
    }

    static final String P2P_THROUGHPUT = "p2p-throughput";
    static final String P2P_LATENCY = "p2p-latency";
    /** Every p2p target at one fixed rate: the server's CPU per message, side by side. */
    static final String P2P_COST = "p2p-cost";
    static final String FAN_OUT = "fan-out";
    static final String OFFLINE_DRAIN = "offline-drain";
    static final String IDLE_CONNECTIONS = "idle-connections";
    static final String PUT = "put";
    /** Delivery latency of a steady p2p load while other clients send bad logins (issue 17). */
    static final String LOGIN_FLOOD = "login-flood";
    /** PostgreSQL alone, on a database of its own: its CPU per durable commit at the cost run's rate, by rows per commit. */
    static final String COMMIT_FLOOR = "commit-floor";
    static final List<String> ALL = List.of(P2P_COST, COMMIT_FLOOR, P2P_THROUGHPUT, P2P_LATENCY, FAN_OUT, OFFLINE_DRAIN,
            IDLE_CONNECTIONS, PUT, LOGIN_FLOOD);
    /**
     * The cluster's go/no-go measurement of PostgreSQL NOTIFY (docs/cluster.md): JDBC against an embedded
     * PostgreSQL only, no Missive, so not part of {@code all}.
     */
    static final String COMMIT_FEED_GATE = "commit-feed-gate";
    /**
     * Three Missive nodes of a cluster on one PostgreSQL (cross-node p2p, a group spread over the nodes, a node
     * killed, memory per node): servers of its own, so named on its own like the gate, not part of {@code all}.
     */
    static final String CLUSTER = "cluster";
    /** An hour by default: run only when named, never in {@code all}. */
    static final String SOAK = "soak";
    static final List<String> SCENARIOS = List.of(P2P_COST, COMMIT_FLOOR, P2P_THROUGHPUT, P2P_LATENCY, FAN_OUT, OFFLINE_DRAIN,
            IDLE_CONNECTIONS, PUT, LOGIN_FLOOD, COMMIT_FEED_GATE, CLUSTER, SOAK);

    static final String BINARY_WS = "binary-ws";
    static final String BINARY_TCP = "binary-tcp";
    static final String TEXT_TCP = "text-tcp";
    static final String MSGD_TCP = "msgd-tcp";
    static final String FISHCHAT_TCP = "fishchat-tcp";
    static final String MISSIVE_MQTT = "missive-mqtt";
    static final String MOSQUITTO = "mosquitto";
    static final List<String> ALL_P2P_TARGETS = List.of(BINARY_WS, BINARY_TCP, TEXT_TCP, MSGD_TCP, FISHCHAT_TCP,
            MISSIVE_MQTT, MOSQUITTO);

    static BenchOptions fromSystemProperties() {
        boolean quick = Boolean.getBoolean("bench.quick");
        return new BenchOptions(names("bench.scenarios", ALL, SCENARIOS), quick,
                integer("bench.pairs", 4),
                integer("bench.window", 1000),
                // 6 s steps and 20 s at half the maximum keep the full run near 25 minutes with seven p2p targets
                Duration.ofSeconds(integer("bench.step-seconds", quick ? 3 : 6)),
                Duration.ofSeconds(integer("bench.warmup-seconds", quick ? 5 : 10)),
                Duration.ofSeconds(integer("bench.latency-seconds", quick ? 8 : 20)),
                integer("bench.latency-rate", 1000),
                integer("bench.start-rate", 1000),
                integer("bench.refinements", quick ? 2 : 3),
                names("bench.p2p-targets", ALL_P2P_TARGETS, ALL_P2P_TARGETS),
                integers("bench.fanout-members", quick ? "1000,2000" : "1000,10000"),
                Path.of(System.getProperty("bench.output", "docs")),
                Boolean.getBoolean("bench.jfr"),
                mqttClient(System.getProperty("bench.mqtt-client", "hivemq")),
                integers("bench.drain-messages", quick ? "2000" : "10000,100000"),
                integer("bench.drain-rounds", quick ? 1 : 3),
                integer("bench.idle-connections", quick ? 2_000 : 15_000),
                integer("bench.clients-per-process", 5_000),
                Duration.ofSeconds(integer("bench.put-seconds", quick ? 5 : 20)),
                Duration.ofSeconds(integer("bench.gate-seconds", quick ? 3 : 10)),
                Duration.ofSeconds(integer("bench.gate-warmup-seconds", quick ? 1 : 2)),
                integer("bench.gate-runs", quick ? 1 : 2),
                integer("bench.cluster-members", quick ? 2_000 : 10_000),
                integer("bench.failover-users", 100),
                Duration.ofMinutes(integer("bench.soak.minutes", quick ? 2 : 60)),
                integer("bench.soak.rate", 0),
                Duration.ofSeconds(integer("bench.soak.sample-seconds", quick ? 20 : 60)),
                integer("bench.cost-rate", 4_000),
                Duration.ofSeconds(integer("bench.cost-seconds", quick ? 8 : 20)),
                new LoginFlood(integer("bench.login-flood.rate", 1_000),
                        Duration.ofSeconds(integer("bench.login-flood.seconds", quick ? 8 : 20)),
                        integer("bench.login-flood.threads", 8)),
                integer("bench.password-iterations", LOW_PASSWORD_ITERATIONS),
                Arrays.stream(System.getProperty("bench.server-jvm", "").trim().split("\\s+"))
                        .filter(o -> !o.isEmpty()).toList());
    }

    /** These options with only the throughput ramp selected, for a scenario that needs the maximum rate. */
    BenchOptions throughputOnly() {
        return new BenchOptions(Set.of(P2P_THROUGHPUT), quick, pairs, window, stepDuration, warmUp, latencyDuration,
                latencyRate, startRate, refinements, p2pTargets, fanOutMembers, outputDir, jfr, mqttClient, drainMessages,
                drainRounds, idleConnections, clientsPerProcess, putDuration, gateCell, gateWarmUp, gateRuns, clusterMembers,
                failoverUsers, soakDuration, soakRate, soakSample, costRate, costDuration, loginFlood,
                passwordIterations, serverJvm);
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /** Whether a selected scenario needs Missive and Mosquitto started (every one but the gate does). */
    boolean needsServers() {
        return scenarios.stream().anyMatch(s -> ALL.contains(s) || s.equals(SOAK));
    }

    /** Whether the p2p scenarios, when they run, drive {@code target} (one of {@link #ALL_P2P_TARGETS}). */
    boolean drivesP2p(String target) {
        return p2pTargets.contains(target);
    }

    /** A comma-separated selection of {@code known} names, or the names {@code all} for {@code all}. */
    private static Set<String> names(String property, List<String> all, List<String> known) {
        String selected = System.getProperty(property, "all").trim();
        Set<String> names = new LinkedHashSet<>();
        if (selected.isEmpty() || selected.equals("all")) {
            names.addAll(all);
            return names;
        }
        for (String part : selected.split(",")) {
            String name = part.trim();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(property + ": unknown '" + name + "'; known: " + String.join(", ", known));
            }
            names.add(name);
        }
        return names;
    }

    private static List<Integer> integers(String name, String defaultValue) {
        String value = System.getProperty(name);
        List<Integer> result = new ArrayList<>();
        for (String part : (value == null || value.isBlank() ? defaultValue : value).split(",")) {
            result.add(parse(name, part));
        }
        return List.copyOf(result);
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
        return parse(name, value);
    }

    private static int parse(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", e);
        }
    }
}
