package io.missive.it;

import io.missive.launch.EmbeddedDatabase;
import io.missive.launch.SelfSignedKeystore;
import io.missive.launch.WildFlyServer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The integration tests' WildFly ({@code -Dmissive.it.server=wildfly}, the failsafe execution
 * {@code wildfly}): started and set up by {@link WildFlyServer} exactly as {@code ./mvnw -Pwildfly}
 * does, with server-config/wildfly-datasource.cli, then the WAR deployed; any ERROR logged on the way
 * fails the start, as SEVERE does on Payara Micro.
 */
final class WildFlyDeployment {

    static final String SERVER = "wildfly";

    private WildFlyDeployment() {
    }

    /** Whether the tests of this JVM run on WildFly rather than on Payara Micro. */
    static boolean selected() {
        return SERVER.equalsIgnoreCase(System.getProperty("missive.it.server", "payara"));
    }

    /** The keystore of the HTTPS listener and the TLS listeners: WildFly's listener wants its own password. */
    static SelfSignedKeystore keystore(Path workDir) throws IOException {
        return SelfSignedKeystore.ensure(workDir.resolve("keystore.p12"), WildFlyServer.KEYSTORE_PASSWORD);
    }

    /** Starts WildFly with {@code war} deployed on {@code database}; fails with the log's errors, if any. */
    static WildFlyServer start(Path war, EmbeddedDatabase database, Path workDir, WildFlyServer.Ports ports,
                               Map<String, String> properties, List<String> jvmOptions, SelfSignedKeystore keystore,
                               Path logFile, Duration timeout) throws IOException {
        Path home = Path.of(System.getProperty("missive.launch.wildfly-home", "target/wildfly/wildfly"));
        Path driver = Path.of(System.getProperty("missive.launch.jdbc-driver", "target/payara-micro/postgresql.jar"));
        WildFlyServer wildfly = WildFlyServer.start(home, workDir.resolve("wildfly"), ports, properties, jvmOptions,
                keystore.file(), logFile, Boolean.getBoolean("missive.it.console") ? System.out : null, timeout);
        try {
            wildfly.setUp(Path.of(WildFlyServer.DATASOURCE_SCRIPT), driver, database.jdbcUrl(), database.user(),
                    database.password(), war);
            List<String> errors = wildfly.process().severeRecords();
            if (!errors.isEmpty()) {
                throw new IOException("WildFly logged ERROR while deploying " + war.getFileName() + " (full log: "
                        + logFile + "):\n" + String.join("\n\n", errors));
            }
            return wildfly;
        } catch (IOException | RuntimeException e) {
            wildfly.close();
            throw e;
        }
    }
}
