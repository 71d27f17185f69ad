package io.missive.store;

import io.missive.config.ClusterSettings;
import io.missive.core.pubsub.PubSubMessage;
import io.missive.core.pubsub.PubSubStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's statements for a batch of MQTT publishes, on a real PostgreSQL with the real schema:
 * each message stored under the id answered for it, ids rising in the batch's order, and the rows
 * that ride with a message (deliveries, the retained message) written under that id.
 */
class PubSubLogTest {

    private static final SchemaDatabase database = SchemaDatabase.shared();
    private final PubSubLog log = new PubSubLog(database.dataSource,
            new ClusterNotices(new ClusterSettings(false, "test", Optional.empty(), Duration.ofMinutes(5))));

    @BeforeEach
    void clean() throws SQLException {
        database.sql("TRUNCATE mqtt_sessions, mqtt_messages, mqtt_retained CASCADE");
        database.sql("INSERT INTO mqtt_sessions (client_id) VALUES ('s')");
    }

    @Test
    void aBatchStoresEachMessageUnderTheIdAnsweredForItInBatchOrder() throws SQLException {
        List<Long> first = write(List.of(append("t/a", "one", 1, false), append("t/b", "two", 2, false),
                append("t/a", "three", 1, false)));
        List<Long> second = write(List.of(append("t/c", "four", 1, false)));

        assertThat(first).hasSize(3).isSorted().doesNotHaveDuplicates();
        assertThat(second.get(0)).isGreaterThan(first.get(2));
        assertThat(stored()).containsExactly(
                first.get(0) + " t/a one qos 1", first.get(1) + " t/b two qos 2", first.get(2) + " t/a three qos 1",
                second.get(0) + " t/c four qos 1");
    }

    @Test
    void deliveriesAndTheRetainedMessageAreWrittenUnderTheMessagesIds() throws SQLException {
        List<Long> ids = new ArrayList<>(write(List.of(append("t/a", "one", 1, false),
                new PubSubWrite.Append(new PubSubMessage(0, "t/r", bytes("kept"), 1, true),
                        List.of(new PubSubStore.Recipient("s", 1)), null, m -> { }))));

        assertThat(query("SELECT client_id || ' ' || message_id FROM mqtt_deliveries")).containsExactly("s " + ids.get(1));
        assertThat(query("SELECT topic || ' ' || convert_from(payload, 'UTF8') FROM mqtt_retained")).containsExactly("t/r kept");
    }

    @Test
    void onlyABatchOfPlainPublishesOutsideAClusterCommitsItself() throws SQLException {
        List<PubSubWrite> plain = List.of(append("t/a", "one", 1, false), append("t/b", "two", 0, false));
        assertThat(log.needsTransaction(plain)).isFalse();
        assertThat(log.needsTransaction(List.of(append("t/a", "one", 1, false), append("t/r", "kept", 1, true))))
                .as("a retained message").isTrue();
        assertThat(log.needsTransaction(List.of(new PubSubWrite.Append(new PubSubMessage(0, "t/a", bytes("x"), 1, false),
                List.of(new PubSubStore.Recipient("s", 1)), null, m -> { })))).as("a delivery row").isTrue();
        assertThat(log.needsTransaction(List.of(new PubSubWrite.Append(new PubSubMessage(0, "t/a", bytes("x"), 2, false),
                List.of(), new PubSubStore.Qos2Receipt("s", 7), m -> { })))).as("a QoS 2 receipt").isTrue();
        assertThat(log.needsTransaction(List.of(append("t/a", "one", 1, false), new PubSubWrite.Delivered("s", 1))))
                .as("another kind of write").isTrue();
        PubSubLog clustered = new PubSubLog(database.dataSource,
                new ClusterNotices(new ClusterSettings(true, "n1", Optional.empty(), Duration.ofMinutes(5))));
        assertThat(clustered.needsTransaction(plain)).as("a notice to commit with it").isTrue();

        try (HeldConnection held = new HeldConnection(database.dataSource)) {
            List<Long> ids = held.runAutoCommit(c -> log.write(c, plain));
            assertThat(stored()).containsExactly(ids.get(0) + " t/a one qos 1", ids.get(1) + " t/b two qos 0");
        }
    }

    private List<Long> write(List<PubSubWrite> batch) throws SQLException {
        try (HeldConnection held = new HeldConnection(database.dataSource)) {
            return held.run(c -> log.write(c, batch));
        }
    }

    private static PubSubWrite.Append append(String topic, String text, int qos, boolean retain) {
        return new PubSubWrite.Append(new PubSubMessage(0, topic, bytes(text), qos, retain), List.of(), null, m -> { });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> stored() throws SQLException {
        return query("SELECT id || ' ' || topic || ' ' || convert_from(payload, 'UTF8') || ' qos ' || qos"
                + " FROM mqtt_messages ORDER BY id");
    }

    private static List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
