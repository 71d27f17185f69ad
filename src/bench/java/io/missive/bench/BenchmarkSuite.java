package io.missive.bench;

import io.missive.bench.client.BenchAccount;
import io.missive.bench.client.BinaryTcpProtocol;
import io.missive.bench.client.BinaryWebSocketProtocol;
import io.missive.bench.client.ClientFactory;
import io.missive.bench.client.Destination;
import io.missive.bench.client.HiveMqttProtocol;
import io.missive.bench.client.LoadMessage;
import io.missive.bench.client.PahoMqttProtocol;
import io.missive.launch.FreePorts;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The benchmark suite, {@code ./mvnw -Pbench}: starts Missive and Mosquitto, runs the selected
 * scenarios against both, stops them, and writes docs/benchmarks.md and docs/bench/*.png. See
 * {@link BenchOptions} for the system properties that select scenarios and durations.
 */
public final class BenchmarkSuite {

    private static final PrintStream PROGRESS = System.out;
    private static final int FAN_OUT_ROUNDS_QUICK = 3;
    private static final int FAN_OUT_ROUNDS = 10;

    private BenchmarkSuite() {
    }

    public static void main(String[] args) {
        try {
            run(BenchOptions.fromSystemProperties());
            System.exit(0);
        } catch (Exception e) {
            System.err.println();
            System.err.println("The benchmark suite failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(BenchOptions options) throws IOException, InterruptedException {
        MachineInfo machine = MachineInfo.read();
        PROGRESS.println("Missive benchmark suite: " + String.join(", ", options.scenarios())
                + (options.quick() ? " (quick)" : ""));
        PROGRESS.println("  " + machine.oneLine());
        PROGRESS.println("  load average at start: " + machine.loadAverageAtStart());

        Path workDir = Files.createTempDirectory("missive-bench-");
        Path chartsDir = options.outputDir().resolve("bench");
        FreePorts ports = new FreePorts();
        List<P2pResult> p2p = new ArrayList<>();
        List<FanOutResult> fanOut = new ArrayList<>();
        List<DrainResult> drain = new ArrayList<>();
        List<IdleResult> idle = new ArrayList<>();
        BenchmarkReport.RunSetup setup;
        Path jfr = options.jfr() ? Files.createDirectories(Path.of("target")).resolve("missive-bench.jfr").toAbsolutePath() : null;
        try (MissiveUnderTest missive = MissiveUnderTest.start(workDir.resolve("missive"), ports, jfr, PROGRESS);
             MosquittoUnderTest mosquitto = MosquittoUnderTest.start(workDir.resolve("mosquitto"), ports.next(),
                     options.window(), PROGRESS)) {
            setup = new BenchmarkReport.RunSetup(
                    BenchmarkReport.command(options),
                    "Payara Micro 6.2025 with the WAR, JVM options `" + String.join(" ", missive.jvmOptions())
                            + "`; embedded PostgreSQL 17, durable (fsync on)",
                    mosquitto.version() + ", persistence off, max_inflight_messages " + options.window(),
                    options.pairs() + " pairs; java.net.http.WebSocket (Missive), "
                            + (options.mqttClient().equals("paho") ? "Eclipse Paho 1.2.5 MqttAsyncClient" : "HiveMQ MQTT client 1.3.3")
                            + " (Mosquitto); one JVM, `" + String.join(" ", ManagementFactory.getRuntimeMXBean()
                            .getInputArguments().stream().filter(a -> a.startsWith("-X")).toList()) + "`");
            CpuMeter cpu = new CpuMeter()
                    .group(CpuShares.LOAD_GENERATOR, () -> Stream.of(ProcessHandle.current()))
                    .group("Missive", missive::serverProcess)
                    .group("PostgreSQL", missive::postgresProcesses)
                    .group("Mosquitto", mosquitto::process);
            ManagementApi api = missive.managementApi();
            int payload = LoadMessage.DEFAULT_PAYLOAD_BYTES;

            if (options.runs(BenchOptions.P2P_THROUGHPUT) || options.runs(BenchOptions.P2P_LATENCY)) {
                P2pScenario scenario = new P2pScenario(options, cpu, PROGRESS);
                PROGRESS.println();
                PROGRESS.println("Creating " + options.pairs() * 2 + " Missive users ...");
                List<BenchAccount[]> missivePairs = new ArrayList<>();
                for (int i = 1; i <= options.pairs(); i++) {
                    missivePairs.add(new BenchAccount[]{missiveUser(api, "p2p-pub-" + i), missiveUser(api, "p2p-sub-" + i)});
                }
                try (ClientFactory ws = new BinaryWebSocketProtocol(missive.webSocketUri(), payload)) {
                    p2p.add(scenario.run(ws, true, missivePairs, new JitActivity(List.of(missive.pid()))));
                }
                try (ClientFactory tcp = new BinaryTcpProtocol("127.0.0.1", missive.binaryTcpPort(), payload)) {
                    p2p.add(scenario.run(tcp, true, missivePairs, new JitActivity(List.of(missive.pid()))));
                }
                for (int qos = 0; qos <= 1; qos++) {
                    try (ClientFactory mqtt = mqttFactory(options, mosquitto, qos)) {
                        p2p.add(scenario.run(mqtt, false, mqttPairs("p2p-q" + qos, options.pairs()), new JitActivity(List.of())));
                    }
                }
            }

            if (options.runs(BenchOptions.FAN_OUT)) {
                int rounds = options.quick() ? FAN_OUT_ROUNDS_QUICK : FAN_OUT_ROUNDS;
                FanOutScenario scenario = new FanOutScenario(PROGRESS);
                int members = options.fanOutMembers() + 1;
                PROGRESS.println();
                PROGRESS.printf("Creating a Missive group of %,d users ...%n", members);
                long groupId = api.createGroup("fan-out");
                List<BenchAccount> accounts = new ArrayList<>();
                for (int i = 1; i <= members; i++) {
                    BenchAccount account = missiveUser(api, "fan-" + i);
                    api.addMember(groupId, account.uid());
                    accounts.add(account);
                    if (i % 500 == 0) {
                        PROGRESS.printf("  %,d users%n", i);
                    }
                }
                try (ClientFactory ws = new BinaryWebSocketProtocol(missive.webSocketUri(), payload)) {
                    fanOut.add(scenario.run(ws, accounts, new Destination.Group(groupId, "fan-out"), rounds));
                }
                try (ClientFactory mqtt = mqttFactory(options, mosquitto, 1)) {
                    List<BenchAccount> mqttMembers = new ArrayList<>();
                    for (int i = 1; i <= members; i++) {
                        mqttMembers.add(new BenchAccount("fan-" + i, "unused", 0));
                    }
                    fanOut.add(scenario.run(mqtt, mqttMembers, new Destination.Group(1, "fan-out"), rounds));
                }
            }
            if (options.runs(BenchOptions.OFFLINE_DRAIN)) {
                drain.addAll(offlineDrain(options, missive, mosquitto));
            }
            if (options.runs(BenchOptions.IDLE_CONNECTIONS)) {
                idle.addAll(idleConnections(options, missive, mosquitto));
            }
            PROGRESS.println();
            PROGRESS.println("Stopping Missive, PostgreSQL and Mosquitto ...");
        }
        deleteQuietly(workDir);

        Map<String, String> charts = new LinkedHashMap<>();
        BenchmarkCharts drawing = new BenchmarkCharts(chartsDir, machine);
        putIfDrawn(charts, "ramp", drawing.rampChart(p2p));
        putIfDrawn(charts, "max", drawing.maxThroughputChart(p2p));
        putIfDrawn(charts, "latency", drawing.latencyChart(p2p));
        putIfDrawn(charts, "fan-out", drawing.fanOutChart(fanOut));
        Path report = options.outputDir().resolve("benchmarks.md");
        new BenchmarkReport(options, machine, setup).write(report, Path.of("src/bench/benchmarks-intro.md"), p2p, fanOut, drain, idle,
                charts);
        PROGRESS.println("Written: " + report + " and " + charts.size() + " charts in " + chartsDir
                + (jfr == null ? "" : "; server recording " + jfr));
    }

    /**
     * Missive: published over binary/ws, drained over binary/ws and binary/tcp. Mosquitto: HiveMQ's client
     * with a persistent session at QoS 1 (whatever {@code bench.mqtt-client} says), published at QoS 1.
     */
    private static List<DrainResult> offlineDrain(BenchOptions options, MissiveUnderTest missive,
                                                  MosquittoUnderTest mosquitto) throws IOException, InterruptedException {
        int payload = LoadMessage.DEFAULT_PAYLOAD_BYTES;
        OfflineDrainScenario scenario = new OfflineDrainScenario(PROGRESS);
        ManagementApi api = missive.managementApi();
        List<DrainResult> results = new ArrayList<>();
        PROGRESS.println();
        PROGRESS.println("Creating the Missive users of the offline drain ...");
        BenchAccount publisher = missiveUser(api, "drain-pub");
        try (ClientFactory ws = new BinaryWebSocketProtocol(missive.webSocketUri(), payload);
             ClientFactory tcp = new BinaryTcpProtocol("127.0.0.1", missive.binaryTcpPort(), payload)) {
            for (ClientFactory receivers : List.of(ws, tcp)) {
                String prefix = receivers == ws ? "drain-ws-" : "drain-tcp-";
                List<BenchAccount> offline = new ArrayList<>();
                for (int round = 1; round <= options.drainRounds(); round++) {
                    offline.add(missiveUser(api, prefix + round));
                }
                results.add(scenario.run(ws, receivers, publisher, offline, options.drainMessages()));
            }
        }
        try (ClientFactory publishers = new HiveMqttProtocol("127.0.0.1", mosquitto.port(), "Mosquitto", 1, payload);
             ClientFactory receivers = new HiveMqttProtocol("127.0.0.1", mosquitto.port(), "Mosquitto", 1, payload, true)) {
            List<BenchAccount> offline = new ArrayList<>();
            for (int round = 1; round <= options.drainRounds(); round++) {
                offline.add(new BenchAccount("drain-" + round, "unused", 0));
            }
            results.add(scenario.run(publishers, receivers, new BenchAccount("drain-pub", "unused", 0), offline,
                    options.drainMessages()));
        }
        return results;
    }

    /** Missive over binary/ws and binary/tcp (the same users, one protocol after the other), Mosquitto over MQTT. */
    private static List<IdleResult> idleConnections(BenchOptions options, MissiveUnderTest missive,
                                                    MosquittoUnderTest mosquitto) throws IOException, InterruptedException {
        int connections = options.idleConnections();
        createUsers(missive.managementApi(), "idle-", connections);
        IdleConnectionsScenario scenario = new IdleConnectionsScenario(PROGRESS, options.idlePerProcess());
        List<IdleResult> results = new ArrayList<>();
        results.add(scenario.run("Missive binary/ws", "ws", missive.httpPort(), "idle-", connections, missive.pid(), true));
        results.add(scenario.run("Missive binary/tcp", "tcp", missive.binaryTcpPort(), "idle-", connections, missive.pid(), true));
        long mosquittoPid = mosquitto.process().findFirst().orElseThrow().pid();
        results.add(scenario.run("Mosquitto MQTT", "mqtt", mosquitto.port(), "idle-", connections, mosquittoPid, false));
        return results;
    }

    /** Users {@code <prefix>1} to {@code <prefix><count>} through the REST API, a few requests at a time. */
    private static void createUsers(ManagementApi api, String prefix, int count) throws IOException, InterruptedException {
        PROGRESS.println();
        PROGRESS.printf("Creating %,d Missive users ...%n", count);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<BenchAccount>> created = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String name = prefix + i;
                created.add(pool.submit(() -> missiveUser(api, name)));
            }
            for (int i = 0; i < created.size(); i++) {
                created.get(i).get();
                if ((i + 1) % 2500 == 0) {
                    PROGRESS.printf("  %,d users%n", i + 1);
                }
            }
        } catch (ExecutionException e) {
            throw new IOException("cannot create the users: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static ClientFactory mqttFactory(BenchOptions options, MosquittoUnderTest mosquitto, int qos) {
        if (options.mqttClient().equals("paho")) {
            // Paho's own limit sits above the publishers' window: acknowledgements of an earlier step may
            // still come in after the window was given back
            return new PahoMqttProtocol(mosquitto.serverUri(), "Mosquitto", qos, options.window() * 2,
                    LoadMessage.DEFAULT_PAYLOAD_BYTES);
        }
        return new HiveMqttProtocol("127.0.0.1", mosquitto.port(), "Mosquitto", qos, LoadMessage.DEFAULT_PAYLOAD_BYTES);
    }

    private static BenchAccount missiveUser(ManagementApi api, String name) throws IOException {
        String password = name + "-secret";
        return new BenchAccount(name, password, api.createUser(name, password));
    }

    private static List<BenchAccount[]> mqttPairs(String prefix, int pairs) {
        List<BenchAccount[]> result = new ArrayList<>();
        for (int i = 1; i <= pairs; i++) {
            result.add(new BenchAccount[]{new BenchAccount(prefix + "-pub-" + i, "unused", 0),
                    new BenchAccount(prefix + "-sub-" + i, "unused", 0)});
        }
        return result;
    }

    private static void putIfDrawn(Map<String, String> charts, String key, String file) {
        if (file != null) {
            charts.put(key, file);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            PROGRESS.println("  (could not delete " + directory + ": " + e + ")");
        }
    }
}
