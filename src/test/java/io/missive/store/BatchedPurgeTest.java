package io.missive.store;

import io.missive.config.ClusterSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
 * The purges of expired messages and of MQTT messages no session still needs, on a real PostgreSQL with the
 * real schema: a transaction per batch, each visible to others as it commits, none while another node
 * purges, and the rows that must stay left alone across batches.
 */
class BatchedPurgeTest {

    private static final SchemaDatabase database = SchemaDatabase.shared();

    @BeforeEach
    void clean() throws SQLException {
        database.sql("TRUNCATE conversations, cursors, messages, mqtt_sessions, mqtt_messages CASCADE");
        database.sql("DELETE FROM users WHERE uid BETWEEN 21 AND 29");
        database.sql("INSERT INTO users (uid, username) VALUES (21, 'u21'), (22, 'u22')");
        database.sql("INSERT INTO conversations (id, kind, user_low, user_high, last_seq) VALUES (9, 1, 21, 22, 2503)");
    }

    @Test
    void expiredMessagesGoABatchATransactionAndTheLiveOnesStay() throws SQLException {
        messages(1, 2500, "now() - interval '1 second'");
        messages(2501, 2502, "now() + interval '1 hour'");
        messages(2503, 2503, "NULL");
        List<Long> leftAtEachPause = new ArrayList<>();
        BatchedPurge purge = new BatchedPurge(database.dataSource, PurgeLock.MESSAGES, 1_000,
                nanos -> leftAtEachPause.add(count("messages")));

        List<Long> startedAt = new ArrayList<>();

        int purged = purgeExpired(purge, startedAt);

        assertThat(purged).isEqualTo(2500);
        assertThat(leftAtEachPause).as("each full batch committed before the next began").containsExactly(1503L, 503L);
        assertThat(startedAt).as("each batch starts at the last key the one before deleted").containsExactly(0L, 1000L, 2000L);
        assertThat(count("messages")).isEqualTo(3);
    }

    @Test
    void theStoresPurgeIsBatchedAsWell() throws SQLException {
        messages(1, 2500, "now() - interval '1 second'");
        messages(2501, 2501, "now() + interval '1 hour'");

        assertThat(new MessageLogReads(database.dataSource).purgeExpired(System.currentTimeMillis())).isEqualTo(2500);
        assertThat(count("messages")).isEqualTo(1);
    }

    @Test
    void nothingIsPurgedWhileAnotherNodeHoldsThePurge() throws SQLException {
        messages(1, 10, "now() - interval '1 second'");
        try (Connection otherNode = database.dataSource.getConnection()) {
            otherNode.setAutoCommit(false);
            assertThat(PurgeLock.tryTake(otherNode, PurgeLock.MESSAGES)).isTrue();

            assertThat(new MessageLogReads(database.dataSource).purgeExpired(System.currentTimeMillis())).isZero();
            assertThat(count("messages")).isEqualTo(10);
            otherNode.rollback();
        }
        assertThat(new MessageLogReads(database.dataSource).purgeExpired(System.currentTimeMillis())).isEqualTo(10);
    }

    @Test
    void anInterruptedPurgeEndsAfterTheBatchUnderWay() throws SQLException {
        messages(1, 2500, "now() - interval '1 second'");
        BatchedPurge purge = new BatchedPurge(database.dataSource, PurgeLock.MESSAGES, 1_000, nanos -> {
            throw new InterruptedException();
        });

        try {
            assertThat(purgeExpired(purge)).isEqualTo(1000);
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(count("messages")).isEqualTo(1500);
    }

    @Test
    void mqttMessagesOwedToASessionStayAcrossBatchesAndTheRestGo() throws SQLException {
        PubSubLog log = new PubSubLog(database.dataSource,
                new ClusterNotices(new ClusterSettings(false, "test", Optional.empty(), Duration.ofMinutes(5))));
        database.sql("INSERT INTO mqtt_sessions (client_id) VALUES ('s')");
        database.sql("INSERT INTO mqtt_messages (topic, payload, qos, created_at)"
                + " SELECT 't', '\\x00', 1, now() - interval '2 minutes' FROM generate_series(1, 2100)");
        database.sql("INSERT INTO mqtt_deliveries (client_id, message_id, qos)"
                + " SELECT 's', id, 1 FROM mqtt_messages WHERE id % 10 = 0");
        database.sql("INSERT INTO mqtt_messages (topic, payload, qos) VALUES ('t', '\\x00', 1), ('t', '\\x00', 1)");

        assertThat(log.purgeDelivered(60)).as("two batches: 1,000, then 890").isEqualTo(1890);
        assertThat(count("mqtt_messages")).as("210 owed to the session, 2 younger than a minute").isEqualTo(212);
        assertThat(count("mqtt_deliveries")).isEqualTo(210);
    }

    private static int purgeExpired(BatchedPurge purge) throws SQLException {
        return purgeExpired(purge, new ArrayList<>());
    }

    private static int purgeExpired(BatchedPurge purge, List<Long> startedAt) throws SQLException {
        return purge.run("WITH gone AS (DELETE FROM messages WHERE (conversation_id, seq) IN ("
                + "SELECT conversation_id, seq FROM messages WHERE seq > ? AND expires_at <= now() ORDER BY seq LIMIT ?)"
                + " RETURNING seq) SELECT count(*), max(seq) FROM gone", 0L, Long.class, (delete, from, limit) -> {
            startedAt.add(from);
            delete.setLong(1, from);
            delete.setInt(2, limit);
        });
    }

    private static void messages(int fromSeq, int toSeq, String expiresAt) throws SQLException {
        database.sql("INSERT INTO messages (conversation_id, seq, msg_id, sender_uid, payload, created_at, expires_at)"
                + " SELECT 9, s, int8send(s), 21, '\\x00', now(), " + expiresAt
                + " FROM generate_series(" + fromSeq + ", " + toSeq + ") s");
    }

    private static long count(String table) {
        try (Connection c = database.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
