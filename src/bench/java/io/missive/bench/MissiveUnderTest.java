package io.missive.bench;

import io.missive.launch.DataGrid;
import io.missive.launch.EmbeddedDatabase;
import io.missive.launch.FreePorts;
import io.missive.launch.PayaraMicroCommand;
import io.missive.launch.ServerProcess;
import io.missive.launch.Settings;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Missive as the suite measures it: the built WAR on Payara Micro (the launcher's classes, as
 * {@code ./mvnw -Prun} uses them) with a fresh embedded PostgreSQL in the run's temporary
 * directory, on free ports. PostgreSQL runs durably ({@link EmbeddedDatabase.Durability#DURABLE}:
 * fsync, synchronous_commit and full_page_writes on, which the start checks over JDBC), as a
 * user's database does: a PUB_ACK means what it means in production. (Before that mode existed
 * the suite's database ran with zonky's {@code -F} and {@code synchronous_commit=off}; figures
 * measured then do not count.)
 */
final class MissiveUnderTest implements AutoCloseable {

    /**
     * Options of the server JVM under load: a heap as large as it needs, up to 2 GiB, and the full JIT
     * (the integration tests' C1-only setting would understate steady-state speed). Not a 2 GiB heap
     * touched in full at start: on this machine the kernel's memory monitor ({@code kdamond.0}, DAMON)
     * stops a core for a time that grows with the memory in use, twice a second, and a resident 2 GiB
     * heap made its passes about twice as long (docs/benchmarks.md).
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx2g");

    /**
     * Options of the server JVM that the idle-connections scenario measures: a fixed 2 GiB heap touched
     * in full at start, so that the resident size moves only with memory outside the heap.
     */
    static final List<String> IDLE_JVM_OPTIONS = List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch");

    /** The TCP listeners' limit: above any idle-connections run this machine's open-file limit allows. */
    static final int MAX_TCP_CONNECTIONS = 100_000;

    /**
     * What the MQTT listener lets a logged-in user publish and subscribe to: the load generator's topics
     * ({@code bench/u/<name>}, {@code bench/g/<name>}) and nothing else, so that a refused topic (which
     * MQTT 3.1.1 acknowledges and drops silently) would show as missing messages, not pass unseen.
     */
    static final String MQTT_TOPIC_RULES = "readwrite bench/#";

    private final EmbeddedDatabase database;
    /** Whether {@link #close()} stops the database too: not for a node of a cluster, which shares it. */
    private final boolean ownsDatabase;
    private final ServerProcess payara;
    private final int httpPort;
    private final int binaryTcpPort;
    /** The binary protocol over WebSocket on the TCP connector's own listener (websocket-path /ws). */
    private final int connectorWsPort;
    private final int textTcpPort;
    private final int msgdTcpPort;
    private final int fishChatTcpPort;
    /** The connector's HTTP listener for the business put. */
    private final int putPort;
    private final int mqttTcpPort;
    private final String apiKey;
    private final List<String> jvmOptions;
    private final Path dataDirectory;

    /** The embedded database's durability settings as the server reported them at start, in one line. */
    String databaseSettings() {
        return database.settingsInForce();
    }

    private MissiveUnderTest(EmbeddedDatabase database, boolean ownsDatabase, Path dataDirectory, ServerProcess payara, int httpPort,
                             int binaryTcpPort, int connectorWsPort, int textTcpPort, int mqttTcpPort, int msgdTcpPort,
                             int fishChatTcpPort, int putPort, String apiKey, List<String> jvmOptions) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.dataDirectory = dataDirectory;
        this.payara = payara;
        this.httpPort = httpPort;
        this.binaryTcpPort = binaryTcpPort;
        this.connectorWsPort = connectorWsPort;
        this.textTcpPort = textTcpPort;
        this.mqttTcpPort = mqttTcpPort;
        this.msgdTcpPort = msgdTcpPort;
        this.fishChatTcpPort = fishChatTcpPort;
        this.putPort = putPort;
        this.apiKey = apiKey;
        this.jvmOptions = jvmOptions;
    }

    /**
     * Starts PostgreSQL and Payara Micro under {@code workDir}.
     *
     * @param jfrFile     where to write a Java Flight Recorder recording of the server, or null for none
     * @param mqttInflight QoS 1 messages in flight to one MQTT subscriber: the window Mosquitto gets too
     * @param passwordIterations the server's PBKDF2 work factor ({@code missive.auth.password.iterations})
     * @param extraJvmOptions   JVM options after the suite's own (a later option wins: a collector, a heap)
     */
    static MissiveUnderTest start(Path workDir, FreePorts ports, Path jfrFile, int mqttInflight, int passwordIterations,
                                  List<String> extraJvmOptions, PrintStream progress) throws IOException {
        return start(workDir, ports, JVM_OPTIONS, jfrFile, mqttInflight, passwordIterations, extraJvmOptions, progress);
    }

    /** As {@link #start(Path, FreePorts, Path, int, int, List, PrintStream)}, on {@code baseJvmOptions} instead of {@link #JVM_OPTIONS}. */
    static MissiveUnderTest start(Path workDir, FreePorts ports, List<String> baseJvmOptions, Path jfrFile, int mqttInflight,
                                  int passwordIterations, List<String> extraJvmOptions, PrintStream progress)
            throws IOException {
        Path dataDirectory = workDir.resolve("postgres");
        EmbeddedDatabase database = startDatabase(dataDirectory, ports, progress);
        try {
            List<String> jvmOptions = new ArrayList<>(baseJvmOptions);
            jvmOptions.addAll(extraJvmOptions);
            if (jfrFile != null) {
                jvmOptions.add("-XX:StartFlightRecording=filename=" + jfrFile.toAbsolutePath() + ",settings=profile");
            }
            return startServer(database, true, dataDirectory, workDir, ports, jvmOptions, null, null, mqttInflight,
                    passwordIterations, progress);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** A fresh, durable embedded PostgreSQL in {@code dataDirectory}, for one server or the nodes of a cluster. */
    static EmbeddedDatabase startDatabase(Path dataDirectory, FreePorts ports, PrintStream progress) throws IOException {
        progress.println("  starting PostgreSQL (embedded, durable, data in " + dataDirectory + ") ...");
        EmbeddedDatabase database = EmbeddedDatabase.startPersistent(dataDirectory, ports.next());
        progress.println("  PostgreSQL runs " + database.durability() + ": " + database.settingsInForce());
        return database;
    }

    /**
     * The node {@code nodeId} of a cluster in {@code grid}, on {@code database} (started with
     * {@link #startDatabase} in {@code dataDirectory}), which {@link #close()} leaves running.
     */
    static MissiveUnderTest startClusterNode(EmbeddedDatabase database, Path dataDirectory, Path workDir, FreePorts ports,
                                             List<String> jvmOptions, DataGrid grid, String nodeId, int mqttInflight,
                                             PrintStream progress) throws IOException {
        return startServer(database, false, dataDirectory, workDir, ports, jvmOptions, grid, nodeId, mqttInflight,
                BenchOptions.LOW_PASSWORD_ITERATIONS, progress);
    }

    /** @param grid the data grid to join, null for a server alone ({@code --nocluster}) */
    private static MissiveUnderTest startServer(EmbeddedDatabase database, boolean ownsDatabase, Path dataDirectory,
                                                Path workDir, FreePorts ports, List<String> jvmOptions, DataGrid grid,
                                                String nodeId, int mqttInflight, int passwordIterations, PrintStream progress)
            throws IOException {
        Path war = Path.of(Settings.get("missive.launch.war", "target/missive.war"));
        Path payaraMicroJar = Path.of(Settings.get("missive.launch.payara-micro-jar", "target/payara-micro/payara-micro.jar"));
        Path driver = Path.of(Settings.get("missive.launch.jdbc-driver", "target/payara-micro/postgresql.jar"));
        int httpPort = ports.next();
        int binaryTcpPort = ports.next();
        int connectorWsPort = ports.next();
        int textTcpPort = ports.next();
        int mqttTcpPort = ports.next();
        int msgdTcpPort = ports.next();
        int fishChatTcpPort = ports.next();
        int putPort = ports.next();
        // one key for every node of a cluster: they share the database the suite sets up through any of them
        String apiKey = "bench-" + UUID.nameUUIDFromBytes(dataDirectory.toString().getBytes(StandardCharsets.UTF_8));
        PayaraMicroCommand command = new PayaraMicroCommand()
                .payaraMicroJar(payaraMicroJar)
                .war(war)
                .httpPort(httpPort)
                .library(driver)
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .systemProperty("missive.api-key", apiKey)
                // the minimum work factor by default: the suite logs in thousands of users
                .systemProperty("missive.auth.password.iterations", Integer.toString(passwordIterations))
                // the TCP listeners on free ports, not the defaults another server on this machine may hold;
                // room for the idle-connections scenario above the default limit of 10,000
                .systemProperty("missive.tcp.listeners", "binary,text,mqtt,msgd,fishchat,binary-ws,put")
                .systemProperty("missive.tcp.put.port", Integer.toString(putPort))
                .systemProperty("missive.tcp.binary.port", Integer.toString(binaryTcpPort))
                .systemProperty("missive.tcp.binary-ws.port", Integer.toString(connectorWsPort))
                .systemProperty("missive.tcp.binary-ws.websocket-path", "/ws")
                .systemProperty("missive.tcp.binary-ws.max-connections", Integer.toString(MAX_TCP_CONNECTIONS))
                .systemProperty("missive.tcp.binary.max-connections", Integer.toString(MAX_TCP_CONNECTIONS))
                .systemProperty("missive.tcp.text.port", Integer.toString(textTcpPort))
                .systemProperty("missive.tcp.text.max-connections", Integer.toString(MAX_TCP_CONNECTIONS))
                .systemProperty("missive.tcp.mqtt.port", Integer.toString(mqttTcpPort))
                .systemProperty("missive.tcp.msgd.port", Integer.toString(msgdTcpPort))
                .systemProperty("missive.tcp.msgd.max-connections", Integer.toString(MAX_TCP_CONNECTIONS))
                .systemProperty("missive.tcp.fishchat.port", Integer.toString(fishChatTcpPort))
                .systemProperty("missive.tcp.fishchat.max-connections", Integer.toString(MAX_TCP_CONNECTIONS))
                .systemProperty("missive.tcp.mqtt.max-connections", Integer.toString(MAX_TCP_CONNECTIONS))
                .systemProperty("missive.mqtt.topic-rules", MQTT_TOPIC_RULES)
                .systemProperty("missive.mqtt.max-inflight", Integer.toString(mqttInflight))
                // as Mosquitto's max_queued_messages: far above what a step leaves queued, so nothing is dropped
                .systemProperty("missive.mqtt.max-queued", "1000000")
                .workDirectory(workDir.resolve("payara"));
        if (grid != null) {
            command.dataGrid(grid).systemProperties(DataGrid.nodeSettings(nodeId));
        }
        jvmOptions.forEach(command::jvmOption);
        Path log = workDir.resolve("payara-micro.log");
        progress.println("  starting Payara Micro with the WAR on port " + httpPort + ", binary TCP on " + binaryTcpPort
                + ", text TCP on " + textTcpPort + ", MQTT on " + mqttTcpPort + ", msgd on " + msgdTcpPort
                + ", FishChat on " + fishChatTcpPort + " (log " + log + ") ...");
        ServerProcess payara = ServerProcess.start(command.build(), log, null);
        try {
            long bootMillis = payara.awaitReady(Duration.ofMinutes(5));
            if (!payara.severeRecords().isEmpty()) {
                throw new IOException("Payara Micro logged SEVERE while deploying the WAR (log " + log + "):\n"
                        + String.join("\n\n", payara.severeRecords()));
            }
            progress.println("  Missive ready (Payara Micro reported " + bootMillis + " ms)");
            return new MissiveUnderTest(database, ownsDatabase, dataDirectory, payara, httpPort, binaryTcpPort, connectorWsPort,
                    textTcpPort, mqttTcpPort, msgdTcpPort, fishChatTcpPort, putPort, apiKey, List.copyOf(jvmOptions));
        } catch (IOException | RuntimeException e) {
            payara.stop(Duration.ofSeconds(20));
            throw e;
        }
    }

    URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + httpPort + "/ws");
    }

    /** The TCP connector's WebSocket listener (binary, at /ws). */
    URI connectorWebSocketUri() {
        return URI.create("ws://127.0.0.1:" + connectorWsPort + "/ws");
    }

    int httpPort() {
        return httpPort;
    }

    /** The port of the binary protocol over TCP (the listener {@code binary}). */
    int binaryTcpPort() {
        return binaryTcpPort;
    }

    int connectorWsPort() {
        return connectorWsPort;
    }

    /** The port of the text push protocol over TCP (the listener {@code text}). */
    int textTcpPort() {
        return textTcpPort;
    }

    /** The port of msgd's protocol (the listener {@code msgd}). */
    int msgdTcpPort() {
        return msgdTcpPort;
    }

    /** The port of FishChat's message server (the listener {@code fishchat}; the suite runs no FishChat gateway). */
    int fishChatTcpPort() {
        return fishChatTcpPort;
    }

    /** The connector's put listener, {@code http://127.0.0.1:<port>/}. */
    URI putBase() {
        return URI.create("http://127.0.0.1:" + putPort + "/");
    }

    /** The port of MQTT over TCP (the listener {@code mqtt}). */
    int mqttTcpPort() {
        return mqttTcpPort;
    }

    URI httpBase() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    String apiKey() {
        return apiKey;
    }

    ManagementApi managementApi() {
        return new ManagementApi(httpBase(), apiKey);
    }

    List<String> jvmOptions() {
        return jvmOptions;
    }

    long pid() {
        return payara.pid();
    }

    /** The Payara Micro JVM. */
    Stream<ProcessHandle> serverProcess() {
        return ProcessHandle.of(payara.pid()).stream();
    }

    /**
     * PostgreSQL's postmaster, the parent of its backends ({@link CpuMeter#processTree} counts them). pg_ctl
     * detaches it from this JVM, so it is found through the pid file of its data directory.
     */
    Optional<ProcessHandle> postmaster() {
        return postmasterOf(dataDirectory);
    }

    /** The postmaster of the embedded PostgreSQL whose data are in {@code dataDirectory}, while it runs. */
    static Optional<ProcessHandle> postmasterOf(Path dataDirectory) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** SIGKILL, as a crash; waits until the process is gone. */
    void kill() throws InterruptedException {
        payara.kill();
    }

    @Override
    public void close() throws IOException {
        // Payara first: it closes its pool before the database goes
        payara.stop(Duration.ofSeconds(30));
        if (ownsDatabase) {
            database.close();
        }
    }
}
