package io.missive.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * WildFly with the Missive WAR, set up as server-config/README.md tells an operator: the unpacked
 * distribution ({@code standalone-microprofile.xml}), {@code server-config/wildfly-datasource.cli} run
 * with {@code jboss-cli.sh} against the running server (its placeholders filled in, nothing else
 * changed), then the WAR deployed with the CLI. {@code ./mvnw -Pwildfly} ({@link MissiveLauncher})
 * and the integration tests on WildFly both start it this way, so the script is kept working.
 *
 * <p>Each server gets a base directory of its own (configuration, data, logs), so the distribution
 * under {@code target/} is shared; the driver module the script adds goes into the distribution,
 * which is why {@link #setUp} removes the one a previous run added first.
 */
public final class WildFlyServer implements AutoCloseable {

    /** The profile with MicroProfile Config, Health and OpenAPI, which Missive uses. */
    public static final String CONFIG = "standalone-microprofile.xml";
    public static final String DATASOURCE_SCRIPT = "server-config/wildfly-datasource.cli";
    /** The password of the keystore WildFly's HTTPS listener reads ({@code applicationKS} of its configuration). */
    public static final String KEYSTORE_PASSWORD = "password";
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(3);

    /** The ports the server listens on: HTTP, HTTPS (its own self-signed certificate), management. */
    public record Ports(int http, int https, int management) {
    }

    private final Path home;
    private final Ports ports;
    private final ServerProcess process;

    private WildFlyServer(Path home, Ports ports, ServerProcess process) {
        this.home = home;
        this.ports = ports;
        this.process = process;
    }

    /**
     * Starts WildFly from {@code home} with a fresh copy of its configuration in {@code baseDir},
     * the given ports, JVM options and system properties (the application reads them through
     * MicroProfile Config), and waits until it is started (nothing deployed yet). {@code keystore},
     * if not null, is the HTTPS listener's key and certificate (password {@value #KEYSTORE_PASSWORD});
     * without it WildFly makes a self-signed one at first use.
     */
    public static WildFlyServer start(Path home, Path baseDir, Ports ports, Map<String, String> systemProperties,
                                      List<String> jvmOptions, Path keystore, Path logFile, PrintStream echo,
                                      Duration timeout) throws IOException {
        deleteTree(baseDir);
        Files.createDirectories(baseDir.resolve("deployments"));   // the scanner's, which logs an ERROR without it
        copyTree(home.resolve("standalone").resolve("configuration"), baseDir.resolve("configuration"));
        if (keystore != null) {
            Files.copy(keystore, baseDir.resolve("configuration").resolve("application.keystore"));
        }
        Path propertiesFile = baseDir.resolve("missive.properties");
        Properties properties = new Properties();
        properties.putAll(systemProperties);
        try (Writer out = Files.newBufferedWriter(propertiesFile, StandardCharsets.UTF_8)) {
            properties.store(out, "system properties of Missive's WildFly");   // a file: values may hold spaces
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin").resolve("standalone.sh").toString(),
                "-c", CONFIG,
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.http.port=" + ports.http(),
                "-Djboss.https.port=" + ports.https(),
                "-Djboss.management.http.port=" + ports.management(),
                "-Djboss.management.https.port=" + (ports.management() + 1),
                "--properties=" + propertiesFile.toUri()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JBOSS_JAVA_SIZING", String.join(" ", jvmOptions));
        // standalone.sh then runs java in the background and passes SIGTERM on to it (ServerProcess.stop)
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        ServerProcess process = ServerProcess.start(ServerProcess.Kind.WILDFLY, builder, logFile, echo);
        try {
            process.awaitReady(timeout);
        } catch (IOException e) {
            process.stop(Duration.ofSeconds(10));
            throw e;
        }
        return new WildFlyServer(home, ports, process);
    }

    /**
     * Runs server-config/wildfly-datasource.cli as an operator would, with its placeholders replaced
     * by {@code driverJar} and the database of {@code jdbcUrl} ({@code jdbc:postgresql://host:port/name}),
     * then deploys {@code war} (context root / from its jboss-web.xml): one CLI run, as a CLI start
     * costs seconds.
     */
    public void setUp(Path script, Path driverJar, String jdbcUrl, String user, String password, Path war)
            throws IOException {
        URI database = URI.create(jdbcUrl.substring("jdbc:".length()));
        String text = Files.readString(script)
                .replace("/path/to/postgresql-42.7.14.jar", driverJar.toAbsolutePath().toString())
                .replace("DB_HOST", database.getHost())
                .replace("DB_PORT", Integer.toString(database.getPort()))
                .replace("DB_NAME", database.getPath().substring(1))
                .replace("DB_USER", user)
                .replace("DB_PASSWORD", password);
        // module add refuses to overwrite; the module is an earlier run's, in this launcher's own distribution
        deleteTree(home.resolve("modules").resolve("org").resolve("postgresql"));
        Path filled = Files.createTempFile("missive-datasource", ".cli");
        try {
            Files.writeString(filled, text + "\n" + deployCommand(war) + "\n");
            cli("--file=" + filled);
        } finally {
            Files.deleteIfExists(filled);
        }
    }

    private static String deployCommand(Path war) {
        return "deploy " + war.toAbsolutePath() + " --name=" + war.getFileName() + " --force";
    }

    /** Undeploys the application deployed as {@code name} but keeps it; {@link #redeploy} deploys it again. */
    public String undeploy(String name) throws IOException {
        return cli("--command=undeploy " + name + " --keep-content");
    }

    /** Deploys again what {@link #undeploy} took down. */
    public String redeploy(String name) throws IOException {
        return cli("--command=deploy --name=" + name);
    }

    /** Runs jboss-cli.sh against this server with {@code arguments}; fails with its output unless it succeeds. */
    public String cli(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("jboss-cli.sh").toString(),
                "--connect", "--controller=remote+http://127.0.0.1:" + ports.management()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xms32m");
        Process cli = builder.start();
        cli.getOutputStream().close();
        String output;
        try {
            output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cli.waitFor(CLI_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                cli.destroyForcibly();
                throw new IOException("jboss-cli " + String.join(" ", arguments) + " took longer than " + CLI_TIMEOUT);
            }
        } catch (InterruptedException e) {
            cli.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running jboss-cli", e);
        }
        if (cli.exitValue() != 0) {
            throw new IOException("jboss-cli " + String.join(" ", arguments) + " failed (exit code " + cli.exitValue()
                    + "):\n" + output + "\nEnd of " + process.logFile() + ":\n" + process.tail(60));
        }
        return output;
    }

    public ServerProcess process() {
        return process;
    }

    public Ports ports() {
        return ports;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
