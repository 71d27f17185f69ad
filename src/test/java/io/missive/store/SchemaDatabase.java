package io.missive.store;

import io.missive.launch.EmbeddedDatabase;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A throw-away embedded PostgreSQL with Missive's schema migrated, for tests of the store's SQL: one per
 * test JVM, started by the first test class that asks and stopped as the JVM exits. Each class empties
 * the tables it uses before each test.
 */
final class SchemaDatabase implements AutoCloseable {

    private static SchemaDatabase shared;

    private final EmbeddedDatabase database;
    final DataSource dataSource;

    private SchemaDatabase(EmbeddedDatabase database) {
        this.database = database;
        this.dataSource = database.dataSource();
    }

    static synchronized SchemaDatabase shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SchemaDatabase stopping = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    stopping.close();
                } catch (IOException e) {
                    // the JVM is going; the embedded server's own hook stops it too
                }
            }));
        }
        return shared;
    }

    private static SchemaDatabase start() throws IOException {
        SchemaDatabase started = new SchemaDatabase(EmbeddedDatabase.startEphemeral());
        Flyway.configure().dataSource(started.dataSource).locations("classpath:db/migration").load().migrate();
        return started;
    }

    /** Runs one statement outside any test's transaction. */
    void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Override
    public void close() throws IOException {
        database.close();
    }
}
