package io.missive.launch;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The command line that starts Payara Micro with the Missive WAR, and the files it refers to: the
 * post-boot command file that creates the JDBC pool and {@value #JNDI_NAME}, and the system
 * properties file (passed with {@code --systemproperties}, which keeps passwords off the command
 * line). Used by the launcher ({@link MissiveLauncher}) and by the integration tests alike.
 *
 * <p>HTTPS: Payara Micro copies the keystore named by {@code javax.net.ssl.keyStore} into its
 * runtime directory and opens it with {@code javax.net.ssl.keyStorePassword}; {@code --sslcert}
 * makes the https-listener use the given alias from it.
 */
public final class PayaraMicroCommand {

    /**
     * Payara's Hazelcast gathers its own metrics every 5 s, even with {@code --nocluster}, for a management
     * centre Missive does not use: about 2% of Missive's samples at 4,000 msg/s (async-profiler), and part of an
     * idle server's CPU. Off unless a JVM option sets it.
     */
    static final String HAZELCAST_METRICS = "hazelcast.metrics.enabled";

    public static final String POOL_NAME = "missive-pool";
    public static final String JNDI_NAME = "jdbc/missive";
    public static final String POST_BOOT_FILE = "post-boot-commands.asadmin";
    public static final String SYSTEM_PROPERTIES_FILE = "payara-micro.properties";

    private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
    private Path payaraMicroJar;
    private Path war;
    private String contextRoot = "/";
    private int httpPort = 8080;
    private int httpsPort = 8443;
    private SelfSignedKeystore keystore;
    private final List<Path> libraries = new ArrayList<>();
    private String jdbcUrl;
    private String jdbcUser;
    private String jdbcPassword;
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private Path workDirectory;
    private String mainClass;
    private Path mainClassPath;
    private DataGrid dataGrid;

    public PayaraMicroCommand javaExecutable(Path java) {
        this.javaExecutable = java;
        return this;
    }

    public PayaraMicroCommand payaraMicroJar(Path jar) {
        this.payaraMicroJar = jar;
        return this;
    }

    public PayaraMicroCommand war(Path war) {
        this.war = war;
        return this;
    }

    public PayaraMicroCommand contextRoot(String contextRoot) {
        this.contextRoot = contextRoot;
        return this;
    }

    public PayaraMicroCommand httpPort(int port) {
        this.httpPort = port;
        return this;
    }

    public PayaraMicroCommand httpsPort(int port) {
        this.httpsPort = port;
        return this;
    }

    /** The keystore whose key entry the https-listener serves. */
    public PayaraMicroCommand keystore(SelfSignedKeystore keystore) {
        this.keystore = keystore;
        return this;
    }

    /** A jar for the server's class path ({@code --addlibs}), e.g. the JDBC driver. */
    public PayaraMicroCommand library(Path jar) {
        this.libraries.add(jar);
        return this;
    }

    public PayaraMicroCommand dataSource(String url, String user, String password) {
        this.jdbcUrl = url;
        this.jdbcUser = user;
        this.jdbcPassword = password;
        return this;
    }

    /** A system property of the Payara Micro JVM (the application reads them through MicroProfile Config). */
    public PayaraMicroCommand systemProperty(String name, String value) {
        this.systemProperties.put(name, value);
        return this;
    }

    public PayaraMicroCommand systemProperties(Map<String, String> properties) {
        this.systemProperties.putAll(properties);
        return this;
    }

    /** An option of the Payara Micro JVM placed before {@code -jar}, e.g. {@code -Xmx512m}. */
    public PayaraMicroCommand jvmOption(String option) {
        this.jvmOptions.add(option);
        return this;
    }

    /**
     * Starts Payara Micro through {@code mainClass} (found in {@code classPath}, next to the
     * Payara Micro jar on {@code -cp}) instead of {@code -jar}, e.g. {@link RedeployConsole}.
     */
    public PayaraMicroCommand mainClass(String mainClass, Path classPath) {
        this.mainClass = mainClass;
        this.mainClassPath = classPath;
        return this;
    }

    /** Joins this data grid instead of running without a cluster. */
    public PayaraMicroCommand dataGrid(DataGrid grid) {
        this.dataGrid = grid;
        return this;
    }

    /** Where the post-boot command file and the system properties file are written. */
    public PayaraMicroCommand workDirectory(Path directory) {
        this.workDirectory = directory;
        return this;
    }

    public int httpPort() {
        return httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    /**
     * Writes the post-boot command file and the system properties file into the work directory
     * and returns the command line.
     */
    public List<String> build() throws IOException {
        Objects.requireNonNull(payaraMicroJar, "payaraMicroJar");
        Objects.requireNonNull(war, "war");
        Objects.requireNonNull(jdbcUrl, "dataSource");
        Objects.requireNonNull(workDirectory, "workDirectory");
        requireFile(payaraMicroJar, "Payara Micro jar");
        requireFile(war, "WAR");
        for (Path library : libraries) {
            requireFile(library, "library");
        }
        Files.createDirectories(workDirectory);

        Path postBoot = workDirectory.resolve(POST_BOOT_FILE);
        writePrivate(postBoot, String.join("\n", postBootCommands(jdbcUrl, jdbcUser, jdbcPassword)) + "\n");

        Properties properties = new Properties();
        properties.putAll(systemProperties);
        if (keystore != null) {
            properties.put("javax.net.ssl.keyStore", keystore.file().toString());
            properties.put("javax.net.ssl.keyStorePassword", keystore.password());
        }
        Path propertiesFile = workDirectory.resolve(SYSTEM_PROPERTIES_FILE);
        try (Writer out = new java.io.StringWriter()) {
            properties.store(out, "System properties of the Payara Micro JVM (written by " + getClass().getName() + ")");
            writePrivate(propertiesFile, out.toString());
        }

        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmOptions);
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-D" + HAZELCAST_METRICS + "="))) {
            command.add("-D" + HAZELCAST_METRICS + "=false");
        }
        if (dataGrid != null) {
            command.addAll(dataGrid.jvmOptions());
        }
        if (mainClass == null) {
            command.add("-jar");
            command.add(payaraMicroJar.toAbsolutePath().toString());
        } else {
            // -jar would apply these from the jar's manifest; -cp does not
            command.addAll(manifestModuleOptions(payaraMicroJar));
            command.add("-cp");
            command.add(payaraMicroJar.toAbsolutePath() + File.pathSeparator + mainClassPath.toAbsolutePath());
            command.add(mainClass);
        }
        if (dataGrid == null) {
            command.add("--nocluster");
        } else {
            command.addAll(dataGrid.options());
        }
        command.add("--disablephonehome");
        command.add("--maxHttpThreads");
        command.add(Integer.toString(maxHttpThreads(Runtime.getRuntime().availableProcessors())));
        command.add("--port");
        command.add(Integer.toString(httpPort));
        if (keystore != null) {
            command.add("--sslport");
            command.add(Integer.toString(httpsPort));
            command.add("--sslcert");
            command.add(keystore.alias());
        }
        if (!libraries.isEmpty()) {
            command.add("--addlibs");
            command.add(String.join(":", libraries.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        }
        command.add("--systemproperties");
        command.add(propertiesFile.toAbsolutePath().toString());
        command.add("--postbootcommandfile");
        command.add(postBoot.toAbsolutePath().toString());
        command.add("--contextroot");
        command.add(contextRoot);
        command.add("--deploy");
        command.add(war.toAbsolutePath().toString());
        return Collections.unmodifiableList(command);
    }

    /**
     * Payara's HTTP worker threads at most: four per processor, at least 16, where Payara's default is 200.
     * Nothing of Missive's holds a worker while it waits (a publish's request is suspended until its
     * commit; WebSocket messages are handed to the connection's mailbox), so more threads than that only
     * take turns on the processors: under {@code /put} load the pool grew to 200 threads on two cores
     * (docs/benchmarks.md: with 16, quick runs took about a tenth less CPU per request, within the spread
     * between full runs).
     */
    static int maxHttpThreads(int processors) {
        return Math.max(16, 4 * processors);
    }

    /** The jar manifest's Add-Opens and Add-Exports as command-line options for the unnamed module. */
    static List<String> manifestModuleOptions(Path jar) throws IOException {
        List<String> options = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes attributes = file.getManifest().getMainAttributes();
            for (String[] kind : new String[][] {{"Add-Opens", "--add-opens="}, {"Add-Exports", "--add-exports="}}) {
                String packages = attributes.getValue(kind[0]);
                if (packages != null) {
                    for (String modulePackage : packages.trim().split("\\s+")) {
                        options.add(kind[1] + modulePackage + "=ALL-UNNAMED");
                    }
                }
            }
        }
        return options;
    }

    /** The operator's script for a full Payara Server, which Payara Micro runs too, so that tests keep it working. */
    public static final String JDBC_SCRIPT = "server-config/payara-jdbc.asadmin";

    /**
     * The asadmin commands that create the pool and {@value #JNDI_NAME} for the PostgreSQL at
     * {@code url} ({@code jdbc:postgresql://host:port/name}): the commands of {@value #JDBC_SCRIPT},
     * as an operator runs them on a full Payara Server, with its placeholders filled in.
     */
    public static List<String> postBootCommands(String url, String user, String password) throws IOException {
        if (password == null || password.isEmpty()) {
            // the pool refuses to connect without one: "No password credential found"
            throw new IllegalArgumentException("The Payara Micro pool needs a database password");
        }
        URI database = URI.create(url.substring("jdbc:".length()));
        if (database.getHost() == null || database.getPort() < 0 || database.getPath() == null
                || database.getPath().length() < 2 || database.getQuery() != null) {
            throw new IllegalArgumentException("The Payara Micro pool takes jdbc:postgresql://host:port/name, not " + url);
        }
        Path script = Path.of(JDBC_SCRIPT);
        requireFile(script, "The Payara JDBC script");
        List<String> commands = new ArrayList<>();
        for (String line : Files.readAllLines(script)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            commands.add(line.replace("DB_HOST", asadminValue(database.getHost()))
                    .replace("DB_PORT", Integer.toString(database.getPort()))
                    .replace("DB_NAME", asadminValue(database.getPath().substring(1)))
                    .replace("DB_USER", asadminValue(user))
                    .replace("DB_PASSWORD", asadminValue(password)));
        }
        return commands;
    }

    /** Escapes a value for asadmin's --property syntax (name=value pairs separated by ':'). */
    static String asadminValue(String value) {
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')
                || value.contains("${")) {
            throw new IllegalArgumentException("A JDBC setting for the Payara Micro pool cannot contain"
                    + " white space, quotes or '${': " + value.replaceAll("(?i)password=[^&;]*", "password=***"));
        }
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    private static void requireFile(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(what + " not found: " + file.toAbsolutePath()
                    + " (run the Maven build first: ./mvnw package)");
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
