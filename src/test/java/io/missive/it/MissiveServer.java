package io.missive.it;

import io.missive.launch.DataGrid;
import io.missive.launch.EmbeddedDatabase;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one Payara Micro, or WildFly with {@code -Dmissive.it.server=wildfly} ({@link WildFlyDeployment}),
 * (with the Missive WAR) and the one embedded PostgreSQL that all
 * integration test classes of a test JVM share. {@link SharedPayaraMicroContainer} starts it on
 * the first deployment and stops it when Arquillian stops the container; tests reach it through
 * {@link #get()}: base URIs, the embedded database, the TLS context trusting the server's
 * self-signed certificate, the API key and the Payara Micro log.
 */
public final class MissiveServer implements AutoCloseable {

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
    /** FishChat's gateway (seed 004), with its default bind address (127.0.0.1). */
    public static final String TCP_FISHCHAT_GATEWAY = "fishchat-gateway";
    /** FishChat's message server, with its default bind address, and a frame limit of {@value #FISHCHAT_MAX_FRAME_BYTES}. */
    public static final String TCP_FISHCHAT = "fishchat";
    public static final int FISHCHAT_MAX_FRAME_BYTES = 65_536;
    /**
     * Failed logins allowed per username before its logins wait ({@code missive.auth.throttle.username-failures},
     * the default); the per-address rule is off, as every test logs in from 127.0.0.1.
     */
    public static final int USERNAME_LOGIN_FAILURES = 10;
    /** The business put over HTTP on the connector (seed 001's {@code /put}). */
    public static final String TCP_PUT = "put";
    /** Every TCP listener the test servers open. */
    public static final List<String> TCP_LISTENERS = List.of(TCP_BINARY, TCP_TRUSTED, TCP_TLS, TCP_FEW, TCP_SLOW,
            TCP_TEXT, TCP_MQTT, TCP_BINARY_WS, TCP_MQTT_WSS, TCP_MSGD, TCP_FISHCHAT_GATEWAY, TCP_FISHCHAT, TCP_PUT);
    /**
     * Where logged-in MQTT users may publish and subscribe in the tests: anything under test/, their own
     * users/&lt;name&gt;/ and uid/&lt;uid&gt;/ trees, and readonly/ for reading only.
     */
    public static final String MQTT_TOPIC_RULES = "readwrite test/#, readwrite users/%u/#, readwrite uid/%c/#, read readonly/#";

    private static MissiveServer instance;
    private static Throwable failure;
    private static int launches;

    private final ServerStart.Launch launch;
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

    MissiveServer(ServerStart.Launch launch, SelfSignedKeystore keystore, ServerProcess payara, WildFlyServer wildfly,
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
            return ServerStart.start(new ServerStart.Launch(war, payaraMicroJar, startupTimeout, database, true, false, null),
                    workDir, logFile, Map.of(), started);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Starts a second Payara Micro with the same WAR and database as this one, with
     * {@code overrides} on top of {@link ServerStart#systemProperties}, for the few tests that need the
     * application configured otherwise (another authenticator, say). Its ports, work directory
     * and log ({@code target/payara-micro-<name>.log}) are its own; {@link #close()} stops it.
     * Costs a boot: use it only where one setting cannot serve every test.
     */
    public MissiveServer startAnother(String name, Map<String, String> overrides) throws IOException {
        return startAnother(name, overrides, false, null);
    }

    /** {@link #startAnother}, as a member of {@code grid}: a node of a cluster. */
    public MissiveServer startClusterNode(String name, Map<String, String> overrides, DataGrid grid) throws IOException {
        return startAnother(name, overrides, false, grid);
    }

    /**
     * {@link #startAnother}, through {@link RedeployConsole}: the application can then be taken
     * down and deployed again in the same Payara Micro with {@link #undeploy()} and {@link #deploy()}.
     */
    public MissiveServer startRedeployable(String name) throws IOException {
        return startAnother(name, Map.of(), true, null);
    }

    private MissiveServer startAnother(String name, Map<String, String> overrides, boolean redeployable, DataGrid grid)
            throws IOException {
        Path workDir = Path.of(System.getProperty("missive.it.work-dir", "target/it") + "-" + name).toAbsolutePath();
        Path logFile = Path.of("target", (WildFlyDeployment.selected() ? "wildfly-" : "payara-micro-") + name + ".log")
                .toAbsolutePath();
        return ServerStart.start(new ServerStart.Launch(launch.war(), launch.payaraMicroJar(), launch.startupTimeout(), database, false,
                redeployable, grid), workDir, logFile, overrides, System.nanoTime());
    }

    /**
     * Starts another Payara Micro with the same WAR on {@code database} (one the test started itself, a
     * durable one that outlives servers, say); {@link #close()} stops the server, not the database.
     */
    public MissiveServer startOn(EmbeddedDatabase database, String name, Map<String, String> overrides)
            throws IOException {
        Path workDir = Path.of(System.getProperty("missive.it.work-dir", "target/it") + "-" + name).toAbsolutePath();
        Path logFile = Path.of("target", "payara-micro-" + name + ".log").toAbsolutePath();
        return ServerStart.start(new ServerStart.Launch(launch.war(), launch.payaraMicroJar(), launch.startupTimeout(),
                database, false, false, null), workDir, logFile, overrides, System.nanoTime());
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

    /** Fails unless the application answers over HTTP (any status but a server error). */
    void checkReachable() throws IOException {
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

    /** Freezes this server (SIGSTOP) or lets it go on (SIGCONT): a node that stops answering without dying. */
    public void freeze(boolean frozen) throws IOException, InterruptedException {
        payara.signal(frozen ? "STOP" : "CONT");
    }

    /** Kills this server with SIGKILL, as a crash would (its database stays). */
    public void kill() throws InterruptedException {
        payara.kill();
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

    /**
     * Whether the server's log gets a line containing {@code text} within {@code wait}: the log reaches its
     * file through Payara's output pump, some time after the server wrote it.
     */
    public boolean awaitLogLine(String text, Duration wait) throws IOException, InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        do {
            try (var lines = Files.lines(logFile(), StandardCharsets.ISO_8859_1)) {
                if (lines.anyMatch(line -> line.contains(text))) {
                    return true;
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        return false;
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
