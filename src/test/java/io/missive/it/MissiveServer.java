package io.missive.it;

import io.missive.launch.EmbeddedDatabase;
import io.missive.launch.FreePorts;
import io.missive.launch.PayaraMicroCommand;
import io.missive.launch.ServerProcess;
import io.missive.launch.RedeployConsole;
import io.missive.launch.SelfSignedKeystore;
import io.missive.launch.WildFlyServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The one Payara Micro, or WildFly with {@code -Dmissive.it.server=wildfly} ({@link WildFlyDeployment}),
 * (with the Missive WAR) and the one embedded PostgreSQL that all
 * integration test classes of a test JVM share. {@link SharedPayaraMicroContainer} starts it on
 * the first deployment and stops it when Arquillian stops the container; tests reach it through
 * {@link #get()}: base URIs, the embedded database, the TLS context trusting the server's
 * self-signed certificate, the API key and the Payara Micro log.
 */
public final class MissiveServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MissiveServer.class.getName());

    /** The API key the server is started with ({@code missive.api-key}). */
    public static final String API_KEY = "it-api-key-5d0c3f1e8a7b4c29";

    /** Binary TCP listener with the default limits, not trusted. */
    public static final String TCP_BINARY = "binary";
    /** Binary TCP listener for trusted servers (publishes without CONNECT). */
    public static final String TCP_TRUSTED = "binary-trusted";
    /** Binary TCP listener with TLS, on the generated keystore. */
    public static final String TCP_TLS = "binary-tls";
    /** Binary TCP listener that takes {@value #TCP_FEW_MAX_CONNECTIONS} connections at most. */
    public static final String TCP_FEW = "binary-few";
    public static final int TCP_FEW_MAX_CONNECTIONS = 2;
    /** Binary TCP listener that cuts a connection off past {@value #TCP_SLOW_OUTBOUND_LIMIT} bytes queued. */
    public static final String TCP_SLOW = "binary-slow";
    public static final int TCP_SLOW_OUTBOUND_LIMIT = 262_144;
    /** The text push protocol's listener (seed 001). */
    public static final String TCP_TEXT = "text";
    /** The MQTT listener (seed 003). */
    public static final String TCP_MQTT = "mqtt";
    /** The binary protocol over WebSocket on the connector (websocket-path /ws), beside the container's /ws. */
    public static final String TCP_BINARY_WS = "binary-ws";
    /** MQTT over WebSocket on the connector (websocket-path /mqtt), with TLS: wss. */
    public static final String TCP_MQTT_WSS = "mqtt-wss";
    /** msgd's listener (seed 000), with its default bind address (127.0.0.1: msgd has no credentials). */
    public static final String TCP_MSGD = "msgd";
    /** How long a joined msgd client may be silent ({@code missive.msgd.liveness-timeout}); only MsgdIT uses msgd. */
    public static final Duration MSGD_LIVENESS_TIMEOUT = Duration.ofSeconds(5);
    /** How long a new msgd connection has to join ({@code missive.msgd.join-timeout}). */
    public static final Duration MSGD_JOIN_TIMEOUT = Duration.ofSeconds(3);
    /** Every TCP listener the test servers open. */
    public static final List<String> TCP_LISTENERS = List.of(TCP_BINARY, TCP_TRUSTED, TCP_TLS, TCP_FEW, TCP_SLOW,
            TCP_TEXT, TCP_MQTT, TCP_BINARY_WS, TCP_MQTT_WSS, TCP_MSGD);
    /**
     * Where logged-in MQTT users may publish and subscribe in the tests: anything under test/, their own
     * users/&lt;name&gt;/ and uid/&lt;uid&gt;/ trees, and readonly/ for reading only.
     */
    public static final String MQTT_TOPIC_RULES = "readwrite test/#, readwrite users/%u/#, readwrite uid/%c/#, read readonly/#";

    /**
     * The system properties of the Payara Micro JVM (the application reads them through
     * MicroProfile Config). The one place to add settings that integration tests need.
     *
     * @param tcpPorts a free port for each of the TCP listeners
     */
    static Map<String, String> systemProperties(Map<String, Integer> tcpPorts, SelfSignedKeystore keystore) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("missive.api-key", API_KEY);
        // short protocol timers, so that tests of pings and login timeouts take seconds
        properties.put("missive.binary.ping-interval", "3s");
        properties.put("missive.binary.ping-timeout", "2s");
        properties.put("missive.binary.connect-timeout", "3s");
        // the minimum work factor keeps the many test logins fast; production keeps the default
        properties.put("missive.auth.password.iterations", "1024");
        properties.put("missive.tcp.listeners", String.join(",", TCP_LISTENERS));
        tcpPorts.forEach((listener, port) -> {
            properties.put("missive.tcp." + listener + ".port", Integer.toString(port));
            if (!listener.equals(TCP_MSGD)) {   // msgd keeps its default, which MsgdIT checks
                properties.put("missive.tcp." + listener + ".bind", "127.0.0.1");
            }
        });
        properties.put("missive.tcp." + TCP_TRUSTED + ".trusted", "true");
        properties.put("missive.tcp." + TCP_TLS + ".tls", "true");
        properties.put("missive.tcp." + TCP_TLS + ".tls.keystore", keystore.file().toString());
        properties.put("missive.tcp." + TCP_TLS + ".tls.keystore-password", keystore.password());
        properties.put("missive.tcp." + TCP_FEW + ".max-connections", Integer.toString(TCP_FEW_MAX_CONNECTIONS));
        properties.put("missive.tcp." + TCP_SLOW + ".outbound-limit-bytes", Integer.toString(TCP_SLOW_OUTBOUND_LIMIT));
        properties.put("missive.tcp." + TCP_BINARY_WS + ".websocket-path", "/ws");
        properties.put("missive.tcp." + TCP_MQTT_WSS + ".websocket-path", "/mqtt");
        properties.put("missive.tcp." + TCP_MQTT_WSS + ".tls", "true");
        properties.put("missive.tcp." + TCP_MQTT_WSS + ".tls.keystore", keystore.file().toString());
        properties.put("missive.tcp." + TCP_MQTT_WSS + ".tls.keystore-password", keystore.password());
        properties.put("missive.mqtt.topic-rules", MQTT_TOPIC_RULES);
        properties.put("missive.mqtt.connect-timeout", "3s");
        // short msgd timers, so that the idle and join timeouts take seconds (the msgd clients of the tests keep alive)
        properties.put("missive.msgd.liveness-timeout", MSGD_LIVENESS_TIMEOUT.toMillis() + "ms");
        properties.put("missive.msgd.join-timeout", MSGD_JOIN_TIMEOUT.toMillis() + "ms");
        // the pending backlog recounted every second, so that tests see it move
        properties.put("missive.metrics.backlog-interval", "1s");
        // the http:// proxy scheme on, to this host only (the tests proxy to the server's own HTTP port)
        properties.put("missive.mqtt.http-proxy.upstreams", "http://127.0.0.1");
        return properties;
    }

    /**
     * Options of the Payara Micro JVM. C1 only: on two busy cores this halves the boot time (no C2
     * compiler threads competing with the boot), at the price of slower steady-state code, so a
     * throughput measurement should replace them: {@code -Dmissive.it.jvm-options="-Xmx2g"}
     * (space-separated; an empty value means none).
     */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx1g", "-XX:TieredStopAtLevel=1");

    static List<String> jvmOptions() {
        String configured = System.getProperty("missive.it.jvm-options");
        if (configured == null) {
            return DEFAULT_JVM_OPTIONS;
        }
        return configured.isBlank() ? List.of() : List.of(configured.trim().split("\\s+"));
    }

    private static MissiveServer instance;
    private static Throwable failure;
    private static int launches;

    private final Launch launch;
    private final EmbeddedDatabase database;
    private final SelfSignedKeystore keystore;
    private final ServerProcess payara;
    /** The WildFly the application runs on; null on Payara Micro. */
    private final WildFlyServer wildfly;
    private final int httpPort;
    private final int httpsPort;
    private final Map<String, Integer> tcpPorts;
    private final long reportedBootMillis;
    private final long launchMillis;
    private final List<String> bootSevereRecords;
    private volatile HttpClient httpClient;

    private MissiveServer(Launch launch, SelfSignedKeystore keystore, ServerProcess payara, WildFlyServer wildfly,
                          int httpPort, int httpsPort, Map<String, Integer> tcpPorts, long reportedBootMillis,
                          long launchMillis) {
        this.launch = launch;
        this.wildfly = wildfly;
        this.database = launch.database();
        this.keystore = keystore;
        this.payara = payara;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.tcpPorts = Map.copyOf(tcpPorts);
        this.reportedBootMillis = reportedBootMillis;
        this.launchMillis = launchMillis;
        this.bootSevereRecords = payara.severeRecords();
    }

    /** The running server; fails if no test class deployed it. */
    public static synchronized MissiveServer get() {
        if (instance == null) {
            throw new IllegalStateException("The Missive server is not running: is the test class an Arquillian"
                    + " test with @Deployment(testable = false) returning MissiveDeployment.war()?");
        }
        return instance;
    }

    /** How many times this JVM launched Payara Micro (1 when the boot is shared as intended). */
    public static synchronized int launches() {
        return launches;
    }

    /**
     * Starts PostgreSQL and Payara Micro with {@code war} unless they run already. A failed start
     * is remembered, so that later test classes fail at once with the same cause.
     */
    static synchronized MissiveServer start(Path war, Path payaraMicroJar, Duration startupTimeout) throws IOException {
        if (instance != null) {
            return instance;
        }
        if (failure != null) {
            throw new IOException("The Missive server failed to start earlier: " + failure.getMessage(), failure);
        }
        try {
            instance = launch(war, payaraMicroJar, startupTimeout);
            Runtime.getRuntime().addShutdownHook(new Thread(MissiveServer::stop, "missive-server-stop"));
            return instance;
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private static MissiveServer launch(Path war, Path payaraMicroJar, Duration startupTimeout) throws IOException {
        Path workDir = Path.of(System.getProperty("missive.it.work-dir", "target/it")).toAbsolutePath();
        Path logFile = Path.of(System.getProperty("missive.it.log", "target/payara-micro.log")).toAbsolutePath();
        long started = System.nanoTime();
        EmbeddedDatabase database = EmbeddedDatabase.startEphemeral();
        try {
            launches++;
            if (launches > 1 && Files.exists(logFile)) {
                // keep the earlier launch's log so that a second launch shows in it
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + "." + (launches - 1)),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return launchServer(new Launch(war, payaraMicroJar, startupTimeout, database, true, false), workDir, logFile,
                    Map.of(), started);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Starts a second Payara Micro with the same WAR and database as this one, with
     * {@code overrides} on top of {@link #systemProperties}, for the few tests that need the
     * application configured otherwise (another authenticator, say). Its ports, work directory
     * and log ({@code target/payara-micro-<name>.log}) are its own; {@link #close()} stops it.
     * Costs a boot: use it only where one setting cannot serve every test.
     */
    public MissiveServer startAnother(String name, Map<String, String> overrides) throws IOException {
        return startAnother(name, overrides, false);
    }

    /**
     * {@link #startAnother}, through {@link RedeployConsole}: the application can then be taken
     * down and deployed again in the same Payara Micro with {@link #undeploy()} and {@link #deploy()}.
     */
    public MissiveServer startRedeployable(String name) throws IOException {
        return startAnother(name, Map.of(), true);
    }

    private MissiveServer startAnother(String name, Map<String, String> overrides, boolean redeployable)
            throws IOException {
        Path workDir = Path.of(System.getProperty("missive.it.work-dir", "target/it") + "-" + name).toAbsolutePath();
        Path logFile = Path.of("target", (WildFlyDeployment.selected() ? "wildfly-" : "payara-micro-") + name + ".log")
                .toAbsolutePath();
        return launchServer(new Launch(launch.war(), launch.payaraMicroJar(), launch.startupTimeout(), database, false,
                redeployable), workDir, logFile, overrides, System.nanoTime());
    }

    /**
     * What a server was started from; {@code ownsDatabase} tells whether closing it stops the
     * database, {@code redeployable} whether it runs through {@link RedeployConsole}.
     */
    private record Launch(Path war, Path payaraMicroJar, Duration startupTimeout, EmbeddedDatabase database,
                          boolean ownsDatabase, boolean redeployable) {
    }

    /** Undeploys the application (a server from {@link #startRedeployable}); returns Payara's answer. */
    public String undeploy() throws IOException {
        return redeployCommand("undeploy");
    }

    /** Deploys the application again after {@link #undeploy()}; returns Payara's answer. */
    public String deploy() throws IOException {
        return redeployCommand("deploy");
    }

    private String redeployCommand(String command) throws IOException {
        if (!launch.redeployable()) {
            throw new IllegalStateException("not started with startRedeployable");
        }
        if (wildfly != null) {   // WildFly's CLI answers in its own words; these are RedeployConsole's
            if (command.equals("undeploy")) {
                wildfly.undeploy(MissiveDeployment.NAME);
                return "undeployed";
            }
            wildfly.redeploy(MissiveDeployment.NAME);
            return "deployed true";
        }
        return payara.command(command, launch.startupTimeout());
    }

    /** Payara Micro, or WildFly when the tests run there. */
    private static MissiveServer launchServer(Launch launch, Path workDir, Path logFile,
                                              Map<String, String> overrides, long started) throws IOException {
        return WildFlyDeployment.selected() ? launchWildFly(launch, workDir, logFile, overrides, started)
                : launchPayara(launch, workDir, logFile, overrides, started);
    }

    private static MissiveServer launchWildFly(Launch launch, Path workDir, Path logFile,
                                               Map<String, String> overrides, long started) throws IOException {
        EmbeddedDatabase database = launch.database();
        SelfSignedKeystore keystore = WildFlyDeployment.keystore(workDir);
        FreePorts ports = new FreePorts().exclude(database.port());
        WildFlyServer.Ports serverPorts = new WildFlyServer.Ports(ports.next(), ports.next(), ports.next());
        Map<String, Integer> tcpPorts = new LinkedHashMap<>();
        for (String listener : TCP_LISTENERS) {
            tcpPorts.put(listener, ports.next());
        }
        Map<String, String> properties = systemProperties(tcpPorts, keystore);
        properties.putAll(overrides);
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xms64m"));
        jvm.addAll(jvmOptions());
        LOG.info(() -> "Starting WildFly (log: " + logFile + ") on ports " + serverPorts);
        WildFlyServer wildfly = WildFlyDeployment.start(launch.war(), database, workDir, serverPorts, properties, jvm,
                keystore, logFile, launch.startupTimeout());
        MissiveServer server = new MissiveServer(launch, keystore, wildfly.process(), wildfly, serverPorts.http(),
                serverPorts.https(), tcpPorts, wildfly.process().awaitReady(Duration.ZERO),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        try {
            server.checkReachable();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info(() -> "WildFly ready: " + server.httpUri() + ", " + server.launchMillis + " ms in all");
        return server;
    }

    private static MissiveServer launchPayara(Launch launch, Path workDir, Path logFile,
                                              Map<String, String> overrides, long started) throws IOException {
        Path driver = Path.of(System.getProperty("missive.launch.jdbc-driver", "target/payara-micro/postgresql.jar"));
        boolean echo = Boolean.getBoolean("missive.it.console");
        EmbeddedDatabase database = launch.database();
        ServerProcess payara = null;
        try {
            SelfSignedKeystore keystore = SelfSignedKeystore.ensure(workDir.resolve("keystore.p12"),
                    SelfSignedKeystore.DEFAULT_PASSWORD);
            FreePorts ports = new FreePorts().exclude(database.port());
            int httpPort = ports.next();
            int httpsPort = ports.next();
            Map<String, Integer> tcpPorts = new LinkedHashMap<>();
            for (String listener : TCP_LISTENERS) {
                tcpPorts.put(listener, ports.next());
            }
            Map<String, String> properties = systemProperties(tcpPorts, keystore);
            properties.putAll(overrides);

            PayaraMicroCommand command = new PayaraMicroCommand()
                    .payaraMicroJar(launch.payaraMicroJar())
                    .war(launch.war())
                    .httpPort(httpPort)
                    .httpsPort(httpsPort)
                    .keystore(keystore)
                    .library(driver)
                    .dataSource(database.jdbcUrl(), database.user(), database.password())
                    .systemProperties(properties)
                    .workDirectory(workDir);
            jvmOptions().forEach(command::jvmOption);
            if (launch.redeployable()) {
                command.mainClass(RedeployConsole.class.getName(), RedeployConsole.classPath());
            }
            List<String> commandLine = command.build();
            LOG.info(() -> "Starting Payara Micro (log: " + logFile + "): " + String.join(" ", commandLine));

            payara = ServerProcess.start(commandLine, logFile, echo ? System.out : null);
            long reported = payara.awaitReady(launch.startupTimeout());

            List<String> severe = payara.severeRecords();
            if (!severe.isEmpty()) {
                throw new IOException("Payara Micro logged SEVERE while deploying " + launch.war().getFileName()
                        + " (full log: " + logFile + "):\n" + String.join("\n\n", severe));
            }
            MissiveServer server = new MissiveServer(launch, keystore, payara, null, httpPort, httpsPort, tcpPorts, reported,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            server.checkReachable();
            LOG.info(() -> "Payara Micro ready: " + server.httpUri() + " and " + server.httpsUri()
                    + ", Payara reported " + reported + " ms, " + server.launchMillis + " ms in all");
            return server;
        } catch (IOException | RuntimeException e) {
            if (payara != null) {
                payara.stop(Duration.ofSeconds(20));
            }
            throw e;
        }
    }

    /** Fails unless the application answers over HTTP (any status but a server error). */
    private void checkReachable() throws IOException {
        URI uri = httpUri();
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                HttpResponse<String> response = httpClient().send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 500) {
                    return;
                }
                last = new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted", e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted", e);
            }
        }
        throw new IOException("The application is not reachable at " + uri + " although Payara Micro is ready."
                + " End of " + payara.logFile() + ":\n" + payara.tail(60), last);
    }

    /** Stops Payara Micro, then PostgreSQL. */
    static synchronized void stop() {
        if (instance == null) {
            return;
        }
        MissiveServer server = instance;
        instance = null;
        server.close();
    }

    /** Stops this Payara Micro, and the database too if this server started it. */
    @Override
    public void close() {
        payara.stop(Duration.ofSeconds(30));
        if (launch.ownsDatabase()) {
            try {
                database.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public int httpPort() {
        return httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    /** The port of a TCP listener: {@link #TCP_BINARY}, {@link #TCP_TRUSTED}, {@link #TCP_TLS}, ... */
    public int tcpPort(String listener) {
        Integer port = tcpPorts.get(listener);
        if (port == null) {
            throw new IllegalArgumentException("no TCP listener '" + listener + "' (there are " + tcpPorts.keySet() + ")");
        }
        return port;
    }

    /** The server the tests run on: "payara" or "wildfly". */
    public String serverName() {
        return wildfly == null ? "payara" : WildFlyDeployment.SERVER;
    }

    /**
     * Where MicroProfile Health answers: the application's port on Payara, the management port on
     * WildFly ({@code path} e.g. {@code health/ready}).
     */
    public URI healthUri(String path) {
        return wildfly == null ? httpUri(path)
                : URI.create("http://localhost:" + wildfly.ports().management() + "/" + stripSlash(path));
    }

    /** {@code http://localhost:<port>/} (the application's context root is /). */
    public URI httpUri() {
        return URI.create("http://localhost:" + httpPort + "/");
    }

    /** {@code http://localhost:<port>/<path>}. */
    public URI httpUri(String path) {
        return httpUri().resolve(stripSlash(path));
    }

    public URI httpsUri() {
        return URI.create("https://localhost:" + httpsPort + "/");
    }

    public URI httpsUri(String path) {
        return httpsUri().resolve(stripSlash(path));
    }

    /** {@code ws://localhost:<port>/<path>}. */
    public URI wsUri(String path) {
        return URI.create("ws://localhost:" + httpPort + "/" + stripSlash(path));
    }

    /** {@code wss://localhost:<port>/<path>}; connect with {@link #sslContext()}. */
    public URI wssUri(String path) {
        return URI.create("wss://localhost:" + httpsPort + "/" + stripSlash(path));
    }

    private static String stripSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    public String apiKey() {
        return API_KEY;
    }

    /** The embedded database's JDBC URL (database {@value EmbeddedDatabase#DATABASE}); Payara's pool uses it too. */
    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public String dbUser() {
        return database.user();
    }

    /** The embedded database's durability: {@link EmbeddedDatabase.Durability#THROW_AWAY}, it is deleted after the run. */
    public EmbeddedDatabase.Durability databaseDurability() {
        return database.durability();
    }

    public String dbPassword() {
        return database.password();
    }

    /** A new connection to the embedded database, to inspect or prepare data. */
    public Connection openConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), dbUser(), dbPassword());
    }

    /** A TLS context that trusts the server's self-signed certificate and nothing else. */
    public SSLContext sslContext() {
        try {
            return keystore.trustingSslContext();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The certificate the server's HTTPS listener presents. */
    public X509Certificate certificate() {
        try {
            return keystore.certificate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shared HTTP client (HTTP/1.1) that trusts the server's certificate for https:// URIs. */
    public HttpClient httpClient() {
        HttpClient client = httpClient;
        if (client == null) {
            synchronized (this) {
                client = httpClient;
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .sslContext(sslContext())
                            .connectTimeout(Duration.ofSeconds(10))
                            .build();
                    httpClient = client;
                }
            }
        }
        return client;
    }

    /** SEVERE records Payara Micro logged up to "ready", i.e. while deploying (empty, or the start failed). */
    public List<String> bootSevereRecords() {
        return bootSevereRecords;
    }

    /** All SEVERE records Payara Micro logged so far. */
    public List<String> severeRecords() {
        return payara.severeRecords();
    }

    /** Everything Payara Micro logged up to its "ready" line. */
    public String bootLog() {
        return payara.bootLog();
    }

    public Path logFile() {
        return payara.logFile();
    }

    public long payaraMicroPid() {
        return payara.pid();
    }

    /** The boot time Payara Micro reported ("ready in N ms"). */
    public long reportedBootMillis() {
        return reportedBootMillis;
    }

    /** Wall-clock time from starting PostgreSQL to Payara Micro ready. */
    public long launchMillis() {
        return launchMillis;
    }
}
