package io.missive.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the embedded PostgreSQL really runs with, asked over JDBC: the persistent database of
 * {@code ./mvnw -Prun} and of the benchmark suite must be durable (the zonky library starts the
 * postmaster with {@code -F} and {@code synchronous_commit=off} unless told otherwise); only the
 * integration tests' throw-away database may trade durability for speed (that the integration
 * tests run on that one is checked in {@code SharedBootIT}).
 */
class EmbeddedDatabaseTest {

    private static final Map<String, String> DURABLE =
            Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");
    private static final Map<String, String> FAST =
            Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off");

    @Test
    void thePersistentDatabaseIsDurableOnItsFirstStartAndOnLaterStarts(@TempDir Path dataDirectory) throws Exception {
        int port = new FreePorts().next();
        try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(dataDirectory, port)) {
            assertThat(show(database)).isEqualTo(DURABLE);
            assertThat(database.durability()).isEqualTo(EmbeddedDatabase.Durability.DURABLE);
            assertThat(database.settingsInForce()).isEqualTo("fsync=on, synchronous_commit=on, full_page_writes=on");
        }
        // the data directory is kept: a second start (postgresql.conf from the first initdb) is durable too
        try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(dataDirectory, port)) {
            assertThat(show(database)).isEqualTo(DURABLE);
        }
    }

    @Test
    void moreSettingsAreNamesAndValuesInOrderAndNeverADurabilityOne() {
        assertThat(EmbeddedDatabase.extraSettings("")).isEmpty();
        assertThat(EmbeddedDatabase.extraSettings(" min_wal_size = 1GB,backend_flush_after=256kB, "))
                .containsExactly(Map.entry("min_wal_size", "1GB"), Map.entry("backend_flush_after", "256kB"));
        for (String refused : new String[]{"fsync=off", "synchronous_commit=off", "full_page_writes=off"}) {
            assertThatThrownBy(() -> EmbeddedDatabase.extraSettings("work_mem=8MB," + refused))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("durability");
        }
        for (String malformed : new String[]{"work_mem", "=8MB", "work_mem=", "work_mem= "}) {
            assertThatThrownBy(() -> EmbeddedDatabase.extraSettings(malformed))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not name=value");
        }
    }

    @Test
    void theThrowAwayDatabaseOfTheIntegrationTestsRunsFast() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startEphemeral()) {
            assertThat(show(database)).isEqualTo(FAST);
            assertThat(database.durability()).isEqualTo(EmbeddedDatabase.Durability.THROW_AWAY);
        }
    }

    private static Map<String, String> show(EmbeddedDatabase database) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            for (String name : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                try (ResultSet rows = statement.executeQuery("SHOW " + name)) {
                    rows.next();
                    settings.put(name, rows.getString(1));
                }
            }
        }
        return settings;
    }
}
