package io.missive.bench;

import io.missive.bench.client.BenchAccount;
import io.missive.bench.client.BinaryTcpProtocol;
import io.missive.bench.client.BinaryWebSocketProtocol;
import io.missive.bench.client.ClientFactory;
import io.missive.bench.client.Destination;
import io.missive.bench.client.FishChatProtocol;
import io.missive.bench.client.HiveMqttProtocol;
import io.missive.bench.client.LoadMessage;
import io.missive.bench.client.PahoMqttProtocol;
import io.missive.bench.client.MsgdProtocol;
import io.missive.bench.client.TextPushProtocol;
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
import java.util.stream.Stream;

/**
 * The benchmark suite, {@code ./mvnw -Pbench}: starts Missive and Mosquitto, runs the selected
 * scenarios against both, stops them, and writes docs/benchmarks.md and docs/bench/*.png. The
 * commit-feed gate needs neither server: it runs alone on its own PostgreSQL and writes its section of
 * docs/cluster.md; the cluster scenario starts nodes of its own ({@link ClusterScenario}). See {@link BenchOptions} for the system properties that select scenarios and durations.
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
        PROGRESS.println("  kernel writeback: " + machine.writeback());

        Path workDir = Files.createTempDirectory("missive-bench-");
        FreePorts ports = new FreePorts();
        if (options.runs(BenchOptions.COMMIT_FEED_GATE)) {
            new CommitFeedGateScenario(options, PROGRESS).run(machine, workDir.resolve("commit-feed-gate"), ports.next());
        }
        if (options.runs(BenchOptions.CLUSTER)) {
            new ClusterScenario(options, PROGRESS).run(machine, workDir.resolve("cluster"), ports);
        }
        if (options.needsServers()) {
            runAgainstServers(options, machine, workDir, ports);
        }
        deleteQuietly(workDir);
    }

    /** The scenarios that measure Missive and Mosquitto, into docs/benchmarks.md and docs/bench/. */
    private static void runAgainstServers(BenchOptions options, MachineInfo machine, Path workDir, FreePorts ports)
            throws IOException, InterruptedException {
        Path chartsDir = options.outputDir().resolve("bench");
        List<P2pResult> p2p = new ArrayList<>();
        List<FanOutResult> fanOut = new ArrayList<>();
        List<DrainResult> drain = new ArrayList<>();
        List<IdleResult> idle = new ArrayList<>();
        List<PutResult> put = new ArrayList<>();
        List<CommitFloorResult> commitFloor = new ArrayList<>();
        SoakResult soak = null;
        LoginFloodResult loginFlood = null;
        BenchmarkReport.RunSetup setup;
        Path jfr = options.jfr() ? Files.createDirectories(Path.of("target")).resolve("missive-bench.jfr").toAbsolutePath() : null;
        try (MissiveUnderTest missive = MissiveUnderTest.start(workDir.resolve("missive"), ports, jfr, options.window(),
                options.passwordIterations(), options.serverJvm(),
                PROGRESS);
             MosquittoUnderTest mosquitto = MosquittoUnderTest.start(workDir.resolve("mosquitto"), ports.next(),
                     options.window(), PROGRESS)) {
            setup = new BenchmarkReport.RunSetup(
                    BenchmarkReport.command(options),
                    "Payara Micro 6.2025 with the WAR, JVM options `" + String.join(" ", missive.jvmOptions())
                            + "`; embedded PostgreSQL 17, durable (" + missive.databaseSettings() + ")",
                    mosquitto.version() + ", persistence off, max_inflight_messages " + options.window(),
                    options.pairs() + " pairs; java.net.http.WebSocket (binary/ws), java.nio (binary/tcp, text/tcp,"
                            + " msgd/tcp, FishChat/tcp), "
                            + (options.mqttClient().equals("paho") ? "Eclipse Paho 1.2.5 MqttAsyncClient" : "HiveMQ MQTT client 1.3.3")
                            + " (MQTT, both servers), wrk (`/put`); one JVM, `" + String.join(" ", ManagementFactory.getRuntimeMXBean()
                            .getInputArguments().stream().filter(a -> a.startsWith("-X")).toList())
                            + "`, and client JVMs for the idle connections and the fan-out members",
                    missive.databaseSettings());
            CpuMeter cpu = new CpuMeter()
                    .group(CpuShares.LOAD_GENERATOR, () -> Stream.of(ProcessHandle.current()))
                    .group("Missive", missive::serverProcess)
                    .processTree("PostgreSQL", missive::postmaster)
                    .group("Mosquitto", mosquitto::process);
            ManagementApi api = missive.managementApi();
            int payload = LoadMessage.DEFAULT_PAYLOAD_BYTES;

            if (options.runs(BenchOptions.P2P_COST) || options.runs(BenchOptions.P2P_THROUGHPUT)
                    || options.runs(BenchOptions.P2P_LATENCY)) {
                p2p.addAll(p2p(options, missive, mosquitto, cpu));
            }
            if (options.runs(BenchOptions.COMMIT_FLOOR)) {
                // both servers idle meanwhile: their processes are not counted, and hardly take a core
                commitFloor.addAll(new CommitFloorScenario(options, PROGRESS).run(workDir.resolve("commit-floor"), ports.next()));
            }
            if (options.runs(BenchOptions.FAN_OUT)) {
                fanOut.addAll(fanOut(options, missive, mosquitto));
            }
            if (options.runs(BenchOptions.OFFLINE_DRAIN)) {
                drain.addAll(offlineDrain(options, missive, mosquitto));
            }
            if (options.runs(BenchOptions.IDLE_CONNECTIONS)) {
                idle.addAll(idleConnections(options, workDir, ports));
            }
            if (options.runs(BenchOptions.PUT)) {
                BenchAccount device = api.registerDevice("put-device");
                try (ClientFactory text = new TextPushProtocol("127.0.0.1", missive.textTcpPort(), payload)) {
                    // the container's HTTP stack, then the connector's put listener: the same requests, the same device
                    put.add(new PutScenario(PROGRESS, cpu).run(PutResult.CONTAINER, missive.httpBase(), missive.apiKey(),
                            text, device, options.putDuration(), workDir.resolve("wrk"), new JitActivity(List.of(missive.pid()))));
                    put.add(new PutScenario(PROGRESS, cpu).run(PutResult.CONNECTOR, missive.putBase(), missive.apiKey(),
                            text, device, options.putDuration(), workDir.resolve("wrk"), new JitActivity(List.of(missive.pid()))));
                }
            }
            if (options.runs(BenchOptions.LOGIN_FLOOD)) {
                loginFlood = new LoginFloodScenario(options, cpu, PROGRESS).run(missive);
            }
            if (options.runs(BenchOptions.SOAK)) {
                soak = new SoakScenario(options, cpu, PROGRESS).run(missive, p2p);
            }
            PROGRESS.println();
            PROGRESS.println("Stopping Missive, PostgreSQL and Mosquitto ...");
        }

        Map<String, String> charts = new LinkedHashMap<>();
        BenchmarkCharts drawing = new BenchmarkCharts(chartsDir, machine);
        putIfDrawn(charts, "cost", drawing.costChart(p2p));
        putIfDrawn(charts, "ramp", drawing.rampChart(p2p));
        putIfDrawn(charts, "max", drawing.maxThroughputChart(p2p));
        putIfDrawn(charts, "latency", drawing.latencyChart(p2p));
        putIfDrawn(charts, "fan-out", drawing.fanOutChart(fanOut));
        Path report = options.outputDir().resolve("benchmarks.md");
        new BenchmarkReport(options, machine, setup).write(report, Path.of("src/bench/benchmarks-intro.md"), p2p, commitFloor, fanOut, drain,
                idle, put, loginFlood, soak, charts);
        PROGRESS.println("Written: " + report + " and " + charts.size() + " charts in " + chartsDir
                + (jfr == null ? "" : "; server recording " + jfr));
    }

    /**
     * The p2p targets {@code bench.p2p-targets} selects, each with {@code bench.pairs} pairs: Missive over
     * binary/ws, binary/tcp, the text push protocol, msgd, FishChat and MQTT QoS 0 and 1 (the same users on
     * binary and MQTT; devices for the text protocol; msgd's and FishChat's made at their first login), then
     * Mosquitto over MQTT QoS 0 and 1.
     */
    private static List<P2pResult> p2p(BenchOptions options, MissiveUnderTest missive, MosquittoUnderTest mosquitto,
                                       CpuMeter cpu) throws IOException, InterruptedException {
        int payload = LoadMessage.DEFAULT_PAYLOAD_BYTES;
        ManagementApi api = missive.managementApi();
        P2pScenario scenario = new P2pScenario(options, cpu, PROGRESS);
        JitActivity missiveJit = new JitActivity(List.of(missive.pid()));
        List<P2pResult> results = new ArrayList<>();
        List<BenchAccount[]> missivePairs = new ArrayList<>();
        if (options.drivesP2p(BenchOptions.BINARY_WS) || options.drivesP2p(BenchOptions.BINARY_TCP)
                || options.drivesP2p(BenchOptions.MISSIVE_MQTT)) {
            PROGRESS.println();
            PROGRESS.println("Creating " + options.pairs() * 2 + " Missive users ...");
            for (int i = 1; i <= options.pairs(); i++) {
                missivePairs.add(new BenchAccount[]{api.user("p2p-pub-" + i), api.user("p2p-sub-" + i)});
            }
        }
        if (options.drivesP2p(BenchOptions.BINARY_WS)) {
            try (ClientFactory ws = new BinaryWebSocketProtocol(missive.webSocketUri(), payload)) {
                results.add(scenario.run(ws, true, missivePairs, missiveJit));
            }
        }
        if (options.drivesP2p(BenchOptions.BINARY_TCP)) {
            try (ClientFactory tcp = new BinaryTcpProtocol("127.0.0.1", missive.binaryTcpPort(), payload)) {
                results.add(scenario.run(tcp, true, missivePairs, missiveJit));
            }
        }
        if (options.drivesP2p(BenchOptions.TEXT_TCP)) {
            PROGRESS.println();
            PROGRESS.println("Registering " + options.pairs() * 2 + " push devices ...");
            List<BenchAccount[]> devicePairs = new ArrayList<>();
            for (int i = 1; i <= options.pairs(); i++) {
                devicePairs.add(new BenchAccount[]{api.registerDevice("p2p-pub-" + i), api.registerDevice("p2p-sub-" + i)});
            }
            try (ClientFactory text = new TextPushProtocol("127.0.0.1", missive.textTcpPort(), payload)) {
                results.add(scenario.run(text, true, devicePairs, missiveJit));
            }
        }
        if (options.drivesP2p(BenchOptions.MSGD_TCP)) {
            // msgd clients join by name: their accounts are made on join, as msgd's clients expect
            List<BenchAccount[]> msgdPairs = new ArrayList<>();
            for (int i = 1; i <= options.pairs(); i++) {
                msgdPairs.add(new BenchAccount[]{new BenchAccount("p2p-msgd-pub-" + i, "", 0),
                        new BenchAccount("p2p-msgd-sub-" + i, "", 0)});
            }
            try (ClientFactory msgd = new MsgdProtocol("127.0.0.1", missive.msgdTcpPort(), payload)) {
                results.add(scenario.run(msgd, true, msgdPairs, missiveJit));
            }
        }
        if (options.drivesP2p(BenchOptions.FISHCHAT_TCP)) {
            // FishChat client ids are accounts made at the first login, as for msgd; the pairs' names are their own
            List<BenchAccount[]> fishChatPairs = new ArrayList<>();
            for (int i = 1; i <= options.pairs(); i++) {
                fishChatPairs.add(new BenchAccount[]{new BenchAccount("p2p-fishchat-pub-" + i, "", 0),
                        new BenchAccount("p2p-fishchat-sub-" + i, "", 0)});
            }
            // durable: a FishChat message is delivered only once committed, and its delivery is what is counted
            try (ClientFactory fishChat = new FishChatProtocol("127.0.0.1", missive.fishChatTcpPort(), payload)) {
                results.add(scenario.run(fishChat, true, fishChatPairs, missiveJit));
            }
        }
        if (options.drivesP2p(BenchOptions.MISSIVE_MQTT)) {
            for (int qos = 0; qos <= 1; qos++) {
                // at QoS 1 Missive sends PUBACK once the message is committed; QoS 0 has no acknowledgement
                try (ClientFactory mqtt = mqttFactory(options, missive.mqttTcpPort(), "Missive", qos)) {
                    results.add(scenario.run(mqtt, qos == 1, missivePairs, missiveJit));
                }
            }
        }
        if (options.drivesP2p(BenchOptions.MOSQUITTO)) {
            for (int qos = 0; qos <= 1; qos++) {
                try (ClientFactory mqtt = mqttFactory(options, mosquitto.port(), "Mosquitto", qos)) {
                    results.add(scenario.run(mqtt, false, mqttPairs("p2p-q" + qos, options.pairs()), new JitActivity(List.of())));
                }
            }
        }
        return results;
    }

    /**
     * For each size of {@code bench.fanout-members}: a Missive group of that many members and a
     * publisher, the members on binary/tcp in client processes (the leanest of Missive's protocols, so
     * that 5,000 members fit a client JVM and the client processes take little of the two cores), the
     * publisher on binary/tcp too; Mosquitto: as many subscribers of one topic over MQTT QoS 1.
     */
    private static List<FanOutResult> fanOut(BenchOptions options, MissiveUnderTest missive, MosquittoUnderTest mosquitto)
            throws IOException, InterruptedException {
        int payload = LoadMessage.DEFAULT_PAYLOAD_BYTES;
        int rounds = options.quick() ? FAN_OUT_ROUNDS_QUICK : FAN_OUT_ROUNDS;
        ManagementApi api = missive.managementApi();
        FanOutScenario scenario = new FanOutScenario(PROGRESS, options.clientsPerProcess());
        int most = options.fanOutMembers().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<BenchAccount> members = api.users("fan-", most, PROGRESS);
        BenchAccount publisher = api.user("fan-pub");
        List<FanOutResult> results = new ArrayList<>();
        for (int size : options.fanOutMembers()) {
            String name = "fan-out-" + size;
            long groupId = api.createGroup(name);
            List<BenchAccount> group = new ArrayList<>(members.subList(0, size));
            group.add(publisher);
            PROGRESS.printf("Adding %,d members to the group %s ...%n", group.size(), name);
            api.addMembers(groupId, group, PROGRESS);
            try (ClientFactory tcp = new BinaryTcpProtocol("127.0.0.1", missive.binaryTcpPort(), payload)) {
                results.add(scenario.run(tcp, publisher, new Destination.Group(groupId, name), "tcp", List.of(missive.binaryTcpPort()),
                        "fan-", size, rounds));
            }
            try (ClientFactory mqtt = new HiveMqttProtocol("127.0.0.1", mosquitto.port(), "Mosquitto", 1, payload)) {
                results.add(scenario.run(mqtt, new BenchAccount("fan-pub", "unused", 0), new Destination.Group(0, name),
                        "mqtt", List.of(mosquitto.port()), "fan-", size, rounds));
            }
        }
        return results;
    }

    /**
     * Missive: published over binary/ws, drained over binary/ws (the container's /ws, then the TCP connector's
     * WebSocket listener) and binary/tcp. Mosquitto: HiveMQ's client with a persistent session at QoS 1
     * (whatever {@code bench.mqtt-client} says), published at QoS 1.
     */
    private static List<DrainResult> offlineDrain(BenchOptions options, MissiveUnderTest missive,
                                                  MosquittoUnderTest mosquitto) throws IOException, InterruptedException {
        int payload = LoadMessage.DEFAULT_PAYLOAD_BYTES;
        OfflineDrainScenario scenario = new OfflineDrainScenario(PROGRESS);
        ManagementApi api = missive.managementApi();
        List<DrainResult> results = new ArrayList<>();
        PROGRESS.println();
        PROGRESS.println("Creating the Missive users of the offline drain ...");
        BenchAccount publisher = api.user("drain-pub");
        try (ClientFactory ws = new BinaryWebSocketProtocol(missive.webSocketUri(), payload);
             ClientFactory wsConnector = new BinaryWebSocketProtocol("Missive binary/ws-connector",
                     missive.connectorWebSocketUri(), payload);
             ClientFactory tcp = new BinaryTcpProtocol("127.0.0.1", missive.binaryTcpPort(), payload)) {
            for (ClientFactory receivers : List.of(ws, wsConnector, tcp)) {
                for (int messages : options.drainMessages()) {
                    String prefix = "drain-" + receivers.name().replaceFirst("^Missive binary/", "") + "-" + messages + "-";
                    List<BenchAccount> offline = new ArrayList<>();
                    for (int round = 1; round <= options.drainRounds(); round++) {
                        offline.add(api.user(prefix + round));
                    }
                    results.add(scenario.run(ws, receivers, publisher, offline, messages));
                }
            }
        }
        try (ClientFactory publishers = new HiveMqttProtocol("127.0.0.1", mosquitto.port(), "Mosquitto", 1, payload);
             ClientFactory receivers = new HiveMqttProtocol("127.0.0.1", mosquitto.port(), "Mosquitto", 1, payload, true)) {
            for (int messages : options.drainMessages()) {
                List<BenchAccount> offline = new ArrayList<>();
                for (int round = 1; round <= options.drainRounds(); round++) {
                    offline.add(new BenchAccount("drain-" + messages + "-" + round, "unused", 0));
                }
                results.add(scenario.run(publishers, receivers, new BenchAccount("drain-pub", "unused", 0), offline,
                        messages));
            }
        }
        return results;
    }

    /**
     * Missive over binary/ws (the container's /ws, then the TCP connector's WebSocket listener),
     * binary/tcp, msgd, FishChat and MQTT (the same users, one protocol after the other), Mosquitto over MQTT.
     * Missive is one of its own here, started on a fresh database with {@link MissiveUnderTest#IDLE_JVM_OPTIONS}
     * (its heap resident in full, so that the resident size moves only with memory outside the heap). So is
     * Mosquitto: the one the other scenarios ran keeps the memory a drain of 100,000 messages took (its
     * allocator does not give it back), and new connections reused it, which read as nothing per connection.
     */
    private static List<IdleResult> idleConnections(BenchOptions options, Path workDir, FreePorts ports)
            throws IOException, InterruptedException {
        try (MissiveUnderTest missive = MissiveUnderTest.start(workDir.resolve("missive-idle"), ports,
                MissiveUnderTest.IDLE_JVM_OPTIONS, null, options.window(), options.passwordIterations(), options.serverJvm(),
                PROGRESS);
             MosquittoUnderTest mosquitto = MosquittoUnderTest.start(workDir.resolve("mosquitto-idle"), ports.next(),
                     options.window(), PROGRESS)) {
            return idleConnections(options, missive, mosquitto);
        }
    }

    private static List<IdleResult> idleConnections(BenchOptions options, MissiveUnderTest missive,
                                                    MosquittoUnderTest mosquitto) throws IOException, InterruptedException {
        int connections = options.idleConnections();
        missive.managementApi().users("idle-", connections, PROGRESS);
        IdleConnectionsScenario scenario = new IdleConnectionsScenario(PROGRESS, options.clientsPerProcess());
        List<IdleResult> results = new ArrayList<>();
        results.add(scenario.run("Missive binary/ws", "ws", missive.httpPort(), "idle-", connections, missive.pid(), true));
        results.add(scenario.run("Missive binary/ws-connector", "ws", missive.connectorWsPort(), "idle-", connections,
                missive.pid(), true));
        results.add(scenario.run("Missive binary/tcp", "tcp", missive.binaryTcpPort(), "idle-", connections, missive.pid(), true));
        results.add(scenario.run("Missive msgd/tcp", "msgd", missive.msgdTcpPort(), "idle-", connections, missive.pid(), true));
        results.add(scenario.run("Missive FishChat/tcp", "fishchat", missive.fishChatTcpPort(), "idle-", connections,
                missive.pid(), true));
        results.add(scenario.run("Missive MQTT", "mqtt", missive.mqttTcpPort(), "idle-", connections, missive.pid(), true));
        long mosquittoPid = mosquitto.process().findFirst().orElseThrow().pid();
        results.add(scenario.run("Mosquitto MQTT", "mqtt", mosquitto.port(), "idle-", connections, mosquittoPid, false));
        return results;
    }

    /** MQTT on 127.0.0.1:{@code port} with the client library {@code bench.mqtt-client} names. */
    private static ClientFactory mqttFactory(BenchOptions options, int port, String serverName, int qos) {
        if (options.mqttClient().equals("paho")) {
            // Paho's own limit sits above the publishers' window: acknowledgements of an earlier step may
            // still come in after the window was given back
            return new PahoMqttProtocol("tcp://127.0.0.1:" + port, serverName, qos, options.window() * 2,
                    LoadMessage.DEFAULT_PAYLOAD_BYTES);
        }
        return new HiveMqttProtocol("127.0.0.1", port, serverName, qos, LoadMessage.DEFAULT_PAYLOAD_BYTES);
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
