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

/**
 * An embedded PostgreSQL (zonky) holding the database {@value #DATABASE}. It runs as a child
 * process tree of this JVM; {@link #close()} stops it (zonky also stops it in a shutdown hook).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "missive";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away database on a free port, tuned for speed (no fsync): for tests. */
    public static EmbeddedDatabase startEphemeral() throws IOException {
        return start(EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off"));
    }

    /**
     * A database kept in {@code dataDirectory} across restarts (initialised on the first start
     * only), listening on {@code port}.
     */
    public static EmbeddedDatabase startPersistent(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        return start(EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.toAbsolutePath())
                .setCleanDataDirectory(false)
                .setPort(port));
    }

    private static EmbeddedDatabase start(EmbeddedPostgres.Builder builder) throws IOException {
        EmbeddedPostgres postgres = builder
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(90))
                .start();
        try {
            createDatabaseIfMissing(postgres);
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("Cannot create database " + DATABASE + " in the embedded PostgreSQL", e);
        }
        return new EmbeddedDatabase(postgres);
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

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
