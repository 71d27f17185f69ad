package io.missive.launch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * An embedded PostgreSQL (zonky) holding the database {@value #DATABASE}. It runs as a child
 * process tree of this JVM; {@link #close()} stops it (zonky also stops it in a shutdown hook).
 *
 * <p>Each start names its {@link Durability}: {@link #startPersistent} (user data of
 * {@code ./mvnw -Prun}, the benchmark suite's database) is {@link Durability#DURABLE};
 * {@link #startEphemeral} (the integration tests' database, deleted after the run) is
 * {@link Durability#THROW_AWAY}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "missive";
    public static final String USER = "postgres";

    /** The server settings a {@link Durability} decides, in the order they are logged. */
    public static final List<String> DURABILITY_SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes");

    /**
     * More server settings, {@code name=value} separated by commas, passed after the durability ones
     * ({@code -c name=value}); those three cannot be set here.
     */
    public static final String EXTRA_SETTINGS = "missive.embedded-db.settings";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());

    /**
     * How much a commit is worth if PostgreSQL or the machine crashes.
     *
     * <p>The zonky library starts the postmaster with {@code -F} (fsync off) and defaults
     * {@code synchronous_commit} to {@code off}, settings for test databases only. Each mode sets
     * all three settings below through {@link EmbeddedPostgres.Builder#setServerConfig}, which
     * zonky passes as {@code -c name=value} after its {@code -F}; PostgreSQL applies command-line
     * options in order, so the later {@code -c fsync=on} wins over {@code -F}, and command-line
     * options win over postgresql.conf (an existing data directory cannot turn them off).
     */
    public enum Durability {
        /**
         * fsync, synchronous_commit and full_page_writes on, PostgreSQL's own defaults: a commit
         * is on disk before it is acknowledged, so Missive's acknowledgement ("stored") survives a
         * crash of PostgreSQL or of the machine. For every database holding a user's or a
         * benchmark's data.
         */
        DURABLE("on"),
        /**
         * All three off: commits are acknowledged before they reach the disk and a crash may lose
         * the last of them or corrupt the cluster. Only for databases thrown away after the run
         * (the integration tests'), where the speed matters and nothing survives anyway.
         */
        THROW_AWAY("off");

        private final String value;

        Durability(String value) {
            this.value = value;
        }

        /** The settings this mode passes to the postmaster. */
        public Map<String, String> serverConfig() {
            Map<String, String> config = new LinkedHashMap<>();
            DURABILITY_SETTINGS.forEach(name -> config.put(name, value));
            return config;
        }
    }

    private final EmbeddedPostgres postgres;
    private final Durability durability;
    private final String settingsInForce;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Durability durability, String settingsInForce) {
        this.postgres = postgres;
        this.durability = durability;
        this.settingsInForce = settingsInForce;
    }

    /**
     * A {@link Durability#THROW_AWAY throw-away} database on a free port, in a fresh temporary
     * directory deleted on {@link #close()}: fast and not crash-safe, for the integration tests.
     */
    public static EmbeddedDatabase startEphemeral() throws IOException {
        return start(EmbeddedPostgres.builder(), Durability.THROW_AWAY, "temporary data directory");
    }

    /**
     * A {@link Durability#DURABLE durable} database kept in {@code dataDirectory} across restarts
     * (initialised on the first start only), listening on {@code port}: for user data
     * ({@code ./mvnw -Prun}) and the benchmark suite.
     */
    public static EmbeddedDatabase startPersistent(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        return start(EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory.toAbsolutePath())
                        .setCleanDataDirectory(false)
                        .setPort(port),
                Durability.DURABLE, "data in " + dataDirectory.toAbsolutePath());
    }

    private static EmbeddedDatabase start(EmbeddedPostgres.Builder builder, Durability durability, String where)
            throws IOException {
        durability.serverConfig().forEach(builder::setServerConfig);
        builder.setServerConfig("max_connections", "200");
        Map<String, String> extra = extraSettings(Settings.get(EXTRA_SETTINGS, ""));
        extra.forEach(builder::setServerConfig);   // after the default above, so that they may replace it
        EmbeddedPostgres postgres = builder
                .setPGStartupWait(Duration.ofSeconds(90))
                .start();
        Map<String, String> inForce;
        try {
            createDatabaseIfMissing(postgres);
            inForce = show(postgres);
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("Cannot create database " + DATABASE + " in the embedded PostgreSQL or read its settings", e);
        }
        if (!inForce.equals(durability.serverConfig())) {
            postgres.close();
            throw new IOException("The embedded PostgreSQL runs with " + inForce + ", not the " + durability
                    + " settings " + durability.serverConfig());
        }
        String settings = describe(inForce);
        LOG.info(() -> "Embedded PostgreSQL started " + durability + " on port " + postgres.getPort() + " (" + where
                + "): " + settings + (extra.isEmpty() ? "" : "; " + EXTRA_SETTINGS + ": " + describe(extra)));
        return new EmbeddedDatabase(postgres, durability, settings);
    }

    /** {@link #EXTRA_SETTINGS}' value as names and values, in order; a durability setting or a malformed entry is refused. */
    static Map<String, String> extraSettings(String value) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String name = equals < 0 ? "" : entry.substring(0, equals).trim();
            String setting = entry.substring(equals + 1).trim();
            if (name.isEmpty() || setting.isEmpty()) {
                throw new IllegalArgumentException(EXTRA_SETTINGS + ": '" + entry.trim() + "' is not name=value");
            }
            if (DURABILITY_SETTINGS.contains(name)) {
                throw new IllegalArgumentException(EXTRA_SETTINGS + ": " + name + " is not set here, the database's "
                        + "durability decides it");
            }
            settings.put(name, setting);
        }
        return settings;
    }

    /** The values of {@link #DURABILITY_SETTINGS} the server reports ({@code SHOW}). */
    private static Map<String, String> show(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            return show(connection, DURABILITY_SETTINGS);
        }
    }

    /** The values of the settings {@code names} as {@code SHOW} reports them in {@code connection}'s session, in order. */
    public static Map<String, String> show(Connection connection, List<String> names) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String name : names) {
                try (ResultSet rows = statement.executeQuery("SHOW " + name)) {
                    rows.next();
                    settings.put(name, rows.getString(1));
                }
            }
        }
        return settings;
    }

    /** {@code name=value, ...}, in the map's order. */
    public static String describe(Map<String, String> settings) {
        StringBuilder text = new StringBuilder();
        settings.forEach((name, value) -> text.append(text.isEmpty() ? "" : ", ").append(name).append('=').append(value));
        return text.toString();
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, DATABASE);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
            }
        }
    }

    public Durability durability() {
        return durability;
    }

    /**
     * The durability settings the server reported at start, as one line
     * ({@code fsync=on, synchronous_commit=on, full_page_writes=on}).
     */
    public String settingsInForce() {
        return settingsInForce;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    /**
     * The embedded server trusts local connections, so any password is accepted; Payara's pool
     * insists on having one ("No password credential found").
     */
    public String password() {
        return "postgres";
    }

    /** A plain data source on the database, for tests of the store's SQL outside a container. */
    public javax.sql.DataSource dataSource() {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(user());
        dataSource.setPassword(password());
        return dataSource;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
