package io.missive.it;

import io.missive.launch.DataGrid;
import io.missive.launch.EmbeddedDatabase;
import io.missive.launch.FreePorts;
import io.missive.launch.PayaraMicroCommand;
import io.missive.launch.RedeployConsole;
import io.missive.launch.SelfSignedKeystore;
import io.missive.launch.ServerProcess;
import io.missive.launch.WildFlyServer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * How {@link MissiveServer} starts a server with the WAR: the settings every test server gets, and
 * the start on Payara Micro (the default) or on WildFly ({@code -Dmissive.it.server=wildfly}, see
 * {@link WildFlyDeployment}).
 */
final class ServerStart {

    private static final Logger LOG = Logger.getLogger(ServerStart.class.getName());

    private ServerStart() {
    }

    /**
     * The system properties of the server's JVM (the application reads them through
     * MicroProfile Config). The one place to add settings that integration tests need.
     *
     * @param tcpPorts a free port for each of the TCP listeners
     */
    static Map<String, String> systemProperties(Map<String, Integer> tcpPorts, SelfSignedKeystore keystore) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("missive.api-key", MissiveServer.API_KEY);
        // short protocol timers, so that tests of pings and login timeouts take seconds
        properties.put("missive.binary.ping-interval", "3s");
        properties.put("missive.binary.ping-timeout", "2s");
        properties.put("missive.binary.connect-timeout", "3s");
        // the minimum work factor keeps the many test logins fast; production keeps the default
        properties.put("missive.auth.password.iterations", "1024");
        // every test logs in from 127.0.0.1: only the per-username rule, which HistoryIT checks
        properties.put("missive.auth.throttle.address-failures", "0");
        properties.put("missive.auth.throttle.username-failures", Integer.toString(MissiveServer.USERNAME_LOGIN_FAILURES));
        properties.put("missive.tcp.listeners", String.join(",", MissiveServer.TCP_LISTENERS));
        // Netty's default sampling, which a server left to itself turns off (io.missive.tcp.LeakDetectionDefault)
        properties.put("io.netty.leakDetection.level", "simple");
        tcpPorts.forEach((listener, port) -> {
            properties.put("missive.tcp." + listener + ".port", Integer.toString(port));
            if (!List.of(MissiveServer.TCP_MSGD, MissiveServer.TCP_FISHCHAT, MissiveServer.TCP_FISHCHAT_GATEWAY)
                    .contains(listener)) {   // their default is checked
                properties.put("missive.tcp." + listener + ".bind", "127.0.0.1");
            }
        });
        properties.put("missive.tcp." + MissiveServer.TCP_TRUSTED + ".trusted", "true");
        properties.put("missive.tcp." + MissiveServer.TCP_TLS + ".tls", "true");
        properties.put("missive.tcp." + MissiveServer.TCP_TLS + ".tls.keystore", keystore.file().toString());
        properties.put("missive.tcp." + MissiveServer.TCP_TLS + ".tls.keystore-password", keystore.password());
        properties.put("missive.tcp." + MissiveServer.TCP_FEW + ".max-connections", Integer.toString(MissiveServer.TCP_FEW_MAX_CONNECTIONS));
        properties.put("missive.tcp." + MissiveServer.TCP_SLOW + ".outbound-limit-bytes", Integer.toString(MissiveServer.TCP_SLOW_OUTBOUND_LIMIT));
        properties.put("missive.tcp." + MissiveServer.TCP_BINARY_WS + ".websocket-path", "/ws");
        properties.put("missive.tcp." + MissiveServer.TCP_MQTT_WSS + ".websocket-path", "/mqtt");
        properties.put("missive.tcp." + MissiveServer.TCP_MQTT_WSS + ".tls", "true");
        properties.put("missive.tcp." + MissiveServer.TCP_MQTT_WSS + ".tls.keystore", keystore.file().toString());
        properties.put("missive.tcp." + MissiveServer.TCP_MQTT_WSS + ".tls.keystore-password", keystore.password());
        properties.put("missive.tcp." + MissiveServer.TCP_FISHCHAT + ".max-frame-bytes",
                Integer.toString(MissiveServer.FISHCHAT_MAX_FRAME_BYTES));
        properties.put("missive.mqtt.topic-rules", MissiveServer.MQTT_TOPIC_RULES);
        properties.put("missive.mqtt.connect-timeout", "3s");
        // short msgd timers, so that the idle and join timeouts take seconds (the msgd clients of the tests keep alive)
        properties.put("missive.msgd.liveness-timeout", MissiveServer.MSGD_LIVENESS_TIMEOUT.toMillis() + "ms");
        properties.put("missive.msgd.join-timeout", MissiveServer.MSGD_JOIN_TIMEOUT.toMillis() + "ms");
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

    /**
     * What a server was started from; {@code ownsDatabase} tells whether closing it stops the
     * database, {@code redeployable} whether it runs through {@link RedeployConsole}.
     */
    record Launch(Path war, Path payaraMicroJar, Duration startupTimeout, EmbeddedDatabase database,
                          boolean ownsDatabase, boolean redeployable, DataGrid dataGrid) {
    }

    /** Payara Micro, or WildFly when the tests run there. */
    static MissiveServer start(Launch launch, Path workDir, Path logFile,
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
        for (String listener : MissiveServer.TCP_LISTENERS) {
            tcpPorts.put(listener, ports.next());
        }
        Map<String, String> properties = systemProperties(tcpPorts, keystore);
        properties.putAll(overrides);
        List<String> jvm = new ArrayList<>(List.of("-Xms64m"));
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
        LOG.info(() -> "WildFly ready: " + server.httpUri() + ", " + server.launchMillis() + " ms in all");
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
            for (String listener : MissiveServer.TCP_LISTENERS) {
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
            if (launch.dataGrid() != null) {
                command.dataGrid(launch.dataGrid());
            }
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
                    + ", Payara reported " + reported + " ms, " + server.launchMillis() + " ms in all");
            return server;
        } catch (IOException | RuntimeException e) {
            if (payara != null) {
                payara.stop(Duration.ofSeconds(20));
            }
            throw e;
        }
    }
}
