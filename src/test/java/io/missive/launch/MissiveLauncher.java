package io.missive.launch;

import io.missive.protocol.ProtocolSpec;
import io.missive.protocol.Protocols;
import io.missive.tcp.TcpListenerSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs Missive locally: PostgreSQL (embedded, kept in data/postgres, unless missive.db.url,
 * missive.db.user and missive.db.password are all set), a self-signed certificate in
 * data/tls/keystore.p12 (unless missive.tls.keystore is set), and Payara Micro with the WAR at
 * context root /, until Ctrl-C; or, with missive.launch.server=wildfly ({@code ./mvnw -Pwildfly}),
 * WildFly set up with server-config/ as an operator would ({@link WildFlyServer}). {@code ./mvnw -Prun} builds the WAR and runs this class; it also
 * runs as {@code java -cp <test class path> io.missive.launch.MissiveLauncher} from the project
 * directory after {@code ./mvnw package}.
 *
 * <p>Settings are read like MicroProfile Config reads them: system property, else environment
 * variable (missive.http.port or MISSIVE_HTTP_PORT):
 * <ul>
 * <li>missive.http.port (9095), missive.https.port (8443)</li>
 * <li>missive.db.url, missive.db.user, missive.db.password: an external PostgreSQL</li>
 * <li>missive.embedded-db.port (5433)</li>
 * <li>missive.tls.keystore, missive.tls.keystore-password (changeit)</li>
 * <li>missive.launch.data-dir (./data), missive.launch.war (target/missive.war),
 *     missive.launch.payara-micro-jar and missive.launch.jdbc-driver (target/payara-micro/),
 *     missive.launch.jvm-options (extra options of the server's JVM, space-separated)</li>
 * <li>missive.launch.server (payara, or wildfly), missive.launch.wildfly-home (the unpacked WildFly),
 *     missive.management.port (9990, WildFly's management port, where its /health is)</li>
 * <li>missive.cluster.nodes (1): more than 1 starts that many Payara Micro nodes of a cluster on the
 *     same database, one after the other, each with its own ports ({@link LaunchedNode}), and
 *     missive.cluster.grid-port (6900), the first node's data-grid port</li>
 * </ul>
 * Every other missive.* system property is handed on to the server (the environment is
 * inherited anyway), where the application reads it.
 */
public final class MissiveLauncher {

    /** Launcher settings that are not handed on to the application. */
    private static final Set<String> NOT_PASSED_ON = Set.of("missive.db.password", "missive.tls.keystore-password",
            "missive.cluster.nodes", "missive.cluster.grid-port");

    private static final PrintStream OUT = System.out;

    private volatile boolean stopping;
    private volatile EmbeddedDatabase database;
    private final List<ServerProcess> servers = new CopyOnWriteArrayList<>();

    public static void main(String[] args) {
        MissiveLauncher launcher = new MissiveLauncher();
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "missive-launcher-stop"));
        int exit;
        try {
            exit = launcher.run();
        } catch (Exception e) {
            System.err.println();
            System.err.println("Missive could not start: " + e.getMessage());
            if (!(e instanceof IOException) && !(e instanceof IllegalArgumentException)) {
                e.printStackTrace();
            }
            exit = 1;
        }
        if (!launcher.stopping) {
            System.exit(exit);
        }
    }

    private int run() throws IOException, InterruptedException {
        Path dataDir = Path.of(Settings.get("missive.launch.data-dir", "data")).toAbsolutePath();
        Path war = Path.of(Settings.get("missive.launch.war", "target/missive.war"));
        Path driver = Path.of(Settings.get("missive.launch.jdbc-driver", "target/payara-micro/postgresql.jar"));
        List<LaunchedNode> nodes = LaunchedNode.plan(Settings.getInt("missive.cluster.nodes", 1),
                Settings.getInt("missive.http.port", 9095), Settings.getInt("missive.https.port", 8443), LaunchedNode.configuredTcpPorts(),
                Settings.getInt("missive.cluster.grid-port", LaunchedNode.DEFAULT_GRID_PORT),
                "missive-run-" + UUID.randomUUID().toString().substring(0, 8));
        boolean onWildFly = "wildfly".equalsIgnoreCase(Settings.get("missive.launch.server", "payara"));
        if (onWildFly && nodes.size() > 1) {
            throw new IllegalArgumentException("missive.cluster.nodes starts Payara Micro nodes only: WildFly has no"
                    + " data grid here");
        }
        for (LaunchedNode node : nodes) {
            for (Map.Entry<Integer, String> port : node.portsToCheck().entrySet()) {
                requireFreePort(port.getKey(), port.getValue());
            }
        }

        // PostgreSQL
        Optional<String> url = Settings.get("missive.db.url");
        Optional<String> user = Settings.get("missive.db.user");
        Optional<String> password = Settings.get("missive.db.password");
        String jdbcUrl;
        String jdbcUser;
        String jdbcPassword;
        String databaseNote;
        if (url.isPresent() && user.isPresent() && password.isPresent()) {
            jdbcUrl = url.get();
            jdbcUser = user.get();
            jdbcPassword = password.get();
            databaseNote = "external";
        } else {
            if (url.isPresent() || user.isPresent() || password.isPresent()) {
                warn("missive.db.url, missive.db.user and missive.db.password must all be set to use an external"
                        + " PostgreSQL; starting the embedded one instead");
            }
            int port = Settings.getInt("missive.embedded-db.port", 5433);
            requireFreePort(port, "missive.embedded-db.port");
            Path pgData = dataDir.resolve("postgres");
            OUT.println("Starting the embedded PostgreSQL on port " + port + " (data in " + pgData + ") ...");
            EmbeddedDatabase embedded = EmbeddedDatabase.startPersistent(pgData, port);
            database = embedded;
            if (stopping) {
                closeDatabase();
                return 0;
            }
            jdbcUrl = embedded.jdbcUrl();
            jdbcUser = embedded.user();
            jdbcPassword = embedded.password();
            databaseNote = "embedded, " + embedded.durability() + " (" + embedded.settingsInForce() + "), data in "
                    + pgData;
        }

        // TLS
        String keystorePassword = Settings.get("missive.tls.keystore-password", SelfSignedKeystore.DEFAULT_PASSWORD);
        Optional<String> configuredKeystore = Settings.get("missive.tls.keystore");
        SelfSignedKeystore keystore = configuredKeystore.isPresent()
                ? SelfSignedKeystore.existing(Path.of(configuredKeystore.get()), keystorePassword)
                : SelfSignedKeystore.ensure(dataDir.resolve("tls").resolve("keystore.p12"), keystorePassword);

        // the servers, one after the other: on two cores parallel boots only slow each other down
        String serverName = onWildFly ? "WildFly" : "Payara Micro";
        List<String> jvmOptions = Settings.get("missive.launch.jvm-options")
                .map(options -> Arrays.asList(options.trim().split("\\s+"))).orElse(List.of());
        int managementPort = Settings.getInt("missive.management.port", 9990);
        List<String> banner = new ArrayList<>();
        boolean anySevere = false;
        long bootMillis = 0;
        for (LaunchedNode node : nodes) {
            String title = node.title(serverName);
            Path logFile = dataDir.resolve("logs").resolve(onWildFly ? "wildfly.log"
                    : node.clustered() ? "payara-micro-" + node.nodeId() + ".log" : "payara-micro.log");
            OUT.println("Starting " + title + " (log " + (node.number() == 1 ? "also " : "") + "in " + logFile + ") ...");
            ServerProcess process = onWildFly
                    ? startWildFly(dataDir, war, driver, node, managementPort, jvmOptions, logFile,
                            jdbcUrl, jdbcUser, jdbcPassword)
                    : startPayaraMicro(dataDir, war, driver, node, keystore, jvmOptions, logFile,
                            jdbcUrl, jdbcUser, jdbcPassword);
            if (process == null) {
                return 0;
            }
            bootMillis = process.awaitReady(Duration.ofMinutes(5));
            List<String> severe = process.severeRecords();
            if (!severe.isEmpty()) {
                anySevere = true;
                warn(title + " logged errors while starting: the application is probably NOT deployed correctly.\n\n"
                        + String.join("\n\n", severe));
            }
            checkReachable(URI.create("http://localhost:" + node.httpPort() + "/"));
            if (node.clustered()) {
                OUT.println(title + " ready in " + bootMillis + " ms");
                banner.add(" " + node.nodeId() + " (pid " + process.pid() + ", log " + logFile + ", grid port "
                        + node.grid().port() + ")" + (severe.isEmpty() ? "" : " WITH SEVERE ERRORS: see above"));
            }
            banner.addAll(addresses(node));
            banner.add("");
        }
        LaunchedNode first = nodes.get(0);
        String operations = onWildFly ? "http://localhost:" + managementPort : "http://localhost:" + first.httpPort();

        String line = "=".repeat(78);
        OUT.println();
        OUT.println(line);
        OUT.println(nodes.size() == 1
                ? " Missive is running on " + serverName + " (ready in " + bootMillis + " ms"
                        + (anySevere ? ", WITH SEVERE ERRORS: see above" : "") + ")"
                : " Missive is running on " + nodes.size() + " " + serverName + " nodes of the cluster "
                        + first.grid().clusterName() + ", each node's addresses:");
        OUT.println();
        banner.forEach(OUT::println);
        OUT.println("   health:          " + operations + "/health/ready" + (onWildFly ? " (management port)" : "")
                + (nodes.size() == 1 ? "" : " (each node's on its own HTTP port)"));
        OUT.println("   metrics:         http://localhost:" + first.httpPort() + "/metrics"
                + (nodes.size() == 1 ? "" : " (likewise)"));
        OUT.println("   TLS certificate: " + (onWildFly ? "WildFly's own, self-signed, made at first use"
                : keystore.file() + (configuredKeystore.isPresent() ? "" : " (self-signed)")));
        OUT.println("   PostgreSQL:      " + jdbcUrl + " (" + databaseNote + ")");
        if (nodes.size() == 1) {
            OUT.println("   server log:      " + servers.get(0).logFile());
        } else {
            OUT.println("   cluster status:  GET /api/admin/status on any node, as an admin (docs/cluster.md)");
        }
        OUT.println();
        OUT.println(" Ctrl-C stops " + (nodes.size() == 1 ? serverName : "every node")
                + ("external".equals(databaseNote) ? "." : " and PostgreSQL."));
        OUT.println(line);
        OUT.println();

        // a node may end alone (kill -9 to try a failover): the others keep running
        int exit = 0;
        for (int i = 0; i < servers.size(); i++) {
            int code = servers.get(i).waitFor();
            if (!stopping) {
                warn(nodes.get(i).title(serverName) + " ended by itself (exit code " + code + ")");
            }
            exit = exit == 0 ? code : exit;
        }
        return exit;
    }

    /** The addresses a node's clients reach, one line each. */
    private static List<String> addresses(LaunchedNode node) {
        List<String> lines = new ArrayList<>(List.of(
                "   http://localhost:" + node.httpPort() + "/",
                "   ws://localhost:" + node.httpPort() + "/ws",
                "   https://localhost:" + node.httpsPort() + "/",
                "   wss://localhost:" + node.httpsPort() + "/wss",
                "   ws://localhost:" + node.httpPort() + "/mqtt (MQTT over WebSocket)"));
        for (TcpListenerNote known : TcpListenerNote.values()) {
            Integer port = node.tcpPorts().get(known.listener);
            if (port != null) {
                lines.add("   tcp://localhost:" + port + " (" + known.note + ")");
            }
        }
        return lines;
    }

    /** Payara Micro with the WAR, the pool and the keystore on its command line; null if stopped meanwhile. */
    private ServerProcess startPayaraMicro(Path dataDir, Path war, Path driver, LaunchedNode node,
                                           SelfSignedKeystore keystore, List<String> jvmOptions, Path logFile,
                                           String jdbcUrl, String jdbcUser, String jdbcPassword) throws IOException {
        Path payaraMicroJar = Path.of(Settings.get("missive.launch.payara-micro-jar",
                "target/payara-micro/payara-micro.jar"));
        PayaraMicroCommand command = new PayaraMicroCommand()
                .payaraMicroJar(payaraMicroJar)
                .war(war)
                .contextRoot("/")
                .keystore(keystore)
                .library(driver)
                .dataSource(jdbcUrl, jdbcUser, jdbcPassword)
                .systemProperties(passedOnProperties())
                .workDirectory(node.clustered() ? dataDir.resolve("payara").resolve(node.nodeId()) : dataDir.resolve("payara"));
        node.applyTo(command);
        jvmOptions.forEach(command::jvmOption);
        // the first node's log on the console; three interleaved logs would bury the banner
        ServerProcess process = ServerProcess.start(command.build(), logFile, node.number() == 1 ? OUT : null);
        return track(process);
    }

    /**
     * WildFly as server-config/README.md sets it up (see {@link WildFlyServer}), the WAR deployed;
     * null if stopped meanwhile.
     */
    private ServerProcess startWildFly(Path dataDir, Path war, Path driver, LaunchedNode node,
                                       int managementPort, List<String> jvmOptions, Path logFile,
                                       String jdbcUrl, String jdbcUser, String jdbcPassword) throws IOException {
        requireFreePort(managementPort, "missive.management.port");
        Path home = Path.of(Settings.get("missive.launch.wildfly-home", "target/wildfly/wildfly"));
        List<String> options = jvmOptions.isEmpty() ? List.of("-Xms64m", "-Xmx1g") : jvmOptions;
        WildFlyServer wildfly = WildFlyServer.start(home, dataDir.resolve("wildfly"),
                new WildFlyServer.Ports(node.httpPort(), node.httpsPort(), managementPort), passedOnProperties(), options,
                null, logFile, OUT, Duration.ofMinutes(5));
        if (track(wildfly.process()) == null) {
            return null;
        }
        wildfly.setUp(Path.of(WildFlyServer.DATASOURCE_SCRIPT), driver, jdbcUrl, jdbcUser, jdbcPassword, war);
        return wildfly.process();
    }

    /** Keeps {@code process} for the shutdown hook; stops it and returns null if Ctrl-C came already. */
    private ServerProcess track(ServerProcess process) {
        servers.add(process);
        if (stopping) {
            stopServers();
            closeDatabase();
            return null;
        }
        return process;
    }

    /** The missive.* system properties for the application, without the launcher's own settings. */
    private static Map<String, String> passedOnProperties() {
        Map<String, String> properties = new TreeMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("missive.") && !name.startsWith("missive.launch.") && !NOT_PASSED_ON.contains(name)) {
                properties.put(name, System.getProperty(name));
            }
        }
        return properties;
    }

    private static void requireFreePort(int port, String setting) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new IOException("Port " + port + " is in use (another Missive still running?); choose another with "
                    + setting + " (system property) or " + setting.toUpperCase().replaceAll("[^A-Z0-9]", "_")
                    + " (environment)", e);
        }
    }

    private void checkReachable(URI uri) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 500) {
                warn("GET " + uri + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            warn("The application does not answer at " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void warn(String message) {
        String line = "!".repeat(78);
        System.err.println();
        System.err.println(line);
        System.err.println("WARNING: " + message);
        System.err.println(line);
        System.err.println();
    }

    /** Shutdown hook: the servers first (each closes its pool), then PostgreSQL. */
    private void stop() {
        stopping = true;
        stopServers();
        closeDatabase();
        OUT.println("Missive stopped.");
    }

    private synchronized void stopServers() {
        for (ServerProcess p : servers) {
            if (p.isAlive()) {
                OUT.println(servers.size() == 1 ? "Stopping the server ..." : "Stopping the node with pid " + p.pid() + " ...");
                p.stop(Duration.ofSeconds(30));
            }
        }
    }

    private synchronized void closeDatabase() {
        EmbeddedDatabase db = database;
        database = null;
        if (db != null) {
            OUT.println("Stopping PostgreSQL ...");
            try {
                db.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("Stopping PostgreSQL failed: " + e);
            }
        }
    }

    /** The TCP listeners named after their protocol, whose ports the banner shows and checks. */
    private enum TcpListenerNote {
        BINARY(Protocols.BINARY, "binary protocol, 4-byte length before each frame"),
        TEXT(Protocols.TEXT, "text push protocol; devices register at /registration"),
        MQTT(Protocols.MQTT, "MQTT 3.1 / 3.1.1; over WebSocket at /mqtt too"),
        MSGD(Protocols.MSGD, "msgd's device protocol; this host only unless missive.tcp.msgd.bind is set"),
        FISHCHAT_GATEWAY(Protocols.FISHCHAT_GATEWAY, "FishChat's gateway; this host only unless missive.tcp.fishchat-gateway.bind is set"),
        FISHCHAT(Protocols.FISHCHAT, "FishChat's message server; this host only unless missive.tcp.fishchat.bind is set");

        final String listener;
        final String note;

        TcpListenerNote(ProtocolSpec protocol, String note) {
            this.listener = protocol.name();
            this.note = note;
        }
    }
}
