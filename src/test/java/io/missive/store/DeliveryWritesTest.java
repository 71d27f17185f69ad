package io.missive.store;

import io.missive.core.pubsub.PubSubStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The set-based writes of MQTT delivery rows and the writer's held connection, on a real PostgreSQL
 * with the real schema: each statement does what the one-row statements it replaced did.
 */
class DeliveryWritesTest {

    private static final SchemaDatabase database = SchemaDatabase.shared();
    private static final DataSource dataSource = database.dataSource;

    @BeforeEach
    void clean() throws SQLException {
        sql("TRUNCATE mqtt_sessions, mqtt_messages CASCADE");
        sql("INSERT INTO mqtt_sessions (client_id) VALUES ('a'), ('b')");
        sql("INSERT INTO mqtt_messages (id, topic, payload, qos) VALUES (1, 't', '\\x00', 1), (2, 't', '\\x00', 2)");
    }

    @Test
    void insertAddsARowPerRecipientOnlyForSessionsThatExistAndIgnoresOnesAlreadyThere() throws SQLException {
        try (HeldConnection held = new HeldConnection(dataSource)) {
            held.run(c -> {
                DeliveryWrites.insert(c, List.of(1L, 2L), List.of(
                        List.of(new PubSubStore.Recipient("a", 1), new PubSubStore.Recipient("gone", 1)),
                        List.of(new PubSubStore.Recipient("a", 2), new PubSubStore.Recipient("b", 1))));
                DeliveryWrites.insert(c, List.of(1L), List.of(List.of(new PubSubStore.Recipient("a", 1))));
                return null;
            });
        }
        assertThat(rows()).containsExactly("a/1 qos 1 packet null released false", "a/2 qos 2 packet null released false",
                "b/2 qos 1 packet null released false");
    }

    @Test
    void sentReleasedAndDeliveredMarkTheirRowsWithTheLastPacketIdOfARun() throws SQLException {
        sql("INSERT INTO mqtt_deliveries (client_id, message_id, qos) VALUES ('a', 1, 1), ('a', 2, 2), ('b', 2, 2)");
        try (HeldConnection held = new HeldConnection(dataSource)) {
            held.run(c -> {
                assertThat(DeliveryWrites.execute(c, List.of(new PubSubWrite.Sent("a", 2, 7), new PubSubWrite.Sent("b", 2, 8),
                        new PubSubWrite.Sent("a", 2, 9)))).isTrue();
                assertThat(DeliveryWrites.execute(c, List.of(new PubSubWrite.Released("a", 2),
                        new PubSubWrite.Released("a", 2)))).isTrue();
                assertThat(DeliveryWrites.execute(c, List.of(new PubSubWrite.Delivered("a", 1),
                        new PubSubWrite.Delivered("b", 1)))).isTrue();
                assertThat(DeliveryWrites.execute(c, List.of(new PubSubWrite.DropSession("b", ok -> { })))).isFalse();
                return null;
            });
        }
        assertThat(rows()).containsExactly("a/2 qos 2 packet 9 released true", "b/2 qos 2 packet 8 released false");
    }

    @Test
    void marksOfADeliveryTheSameBatchDeletesAreLeftOutAndEverythingElseKeepsItsOrder() {
        List<PubSubWrite> batch = List.of(new PubSubWrite.Sent("a", 1, 5), new PubSubWrite.Sent("a", 2, 6),
                new PubSubWrite.Released("b", 2), new PubSubWrite.Released("a", 1), new PubSubWrite.Delivered("a", 1),
                new PubSubWrite.Sent("b", 1, 7));

        assertThat(DeliveryWrites.withoutSuperseded(batch)).containsExactly(batch.get(1), batch.get(2),
                batch.get(4), batch.get(5));
        List<PubSubWrite> noDelivery = List.of(new PubSubWrite.Sent("a", 1, 5));
        assertThat(DeliveryWrites.withoutSuperseded(noDelivery)).isSameAs(noDelivery);
    }

    @Test
    void aFailedBatchIsRolledBackAndTheHeldConnectionServesTheNext() throws SQLException {
        try (HeldConnection held = new HeldConnection(dataSource)) {
            assertThatThrownBy(() -> held.run(c -> {
                DeliveryWrites.insert(c, List.of(1L), List.of(List.of(new PubSubStore.Recipient("a", 1))));
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO mqtt_messages (id, topic, payload, qos) VALUES (1, 't', '\\x00', 1)");
                }
                return null;
            })).isInstanceOf(SQLException.class);
            assertThat(rows()).as("the first insert went with the failed one").isEmpty();

            held.run(c -> {
                DeliveryWrites.insert(c, List.of(2L), List.of(List.of(new PubSubStore.Recipient("b", 1))));
                return null;
            });
            assertThat(rows()).containsExactly("b/2 qos 1 packet null released false");
        }
    }

    @Test
    void aConnectionTheDatabaseDroppedIsReplacedAfterItsBatchFails() throws SQLException {
        try (HeldConnection held = new HeldConnection(dataSource)) {
            int pid = held.run(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            sql("SELECT pg_terminate_backend(" + pid + ")");

            assertThatThrownBy(() -> held.run(c -> {
                DeliveryWrites.insert(c, List.of(1L), List.of(List.of(new PubSubStore.Recipient("a", 1))));
                return null;
            })).isInstanceOf(SQLException.class);
            held.run(c -> {
                DeliveryWrites.insert(c, List.of(1L), List.of(List.of(new PubSubStore.Recipient("a", 1))));
                return null;
            });
        }
        assertThat(rows()).containsExactly("a/1 qos 1 packet null released false");
    }

    private static List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT client_id, message_id, qos, packet_id, released FROM mqtt_deliveries ORDER BY 1, 2");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "/" + rs.getLong(2) + " qos " + rs.getInt(3) + " packet "
                        + rs.getObject(4) + " released " + rs.getBoolean(5));
            }
        }
        return rows;
    }

    private static void sql(String statement) throws SQLException {
        database.sql(statement);
    }
}
