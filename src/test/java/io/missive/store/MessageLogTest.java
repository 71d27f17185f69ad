package io.missive.store;

import io.missive.config.ClusterSettings;
import io.missive.core.model.Message;
import io.missive.core.model.MessageDraft;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.repository.PendingCounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The writer's statements for a batch, on a real PostgreSQL with the real schema: conversations
 * numbered in draft order, messages stored with those numbers, cursors raised, never lowered; and
 * what the cursors leave pending, as {@link JdbcPendingCounts} counts it.
 */
class MessageLogTest {

    private static final SchemaDatabase database = SchemaDatabase.shared();
    private static final DataSource dataSource = database.dataSource;
    private final MessageLog log = new MessageLog(new ClusterNotices(new ClusterSettings(false, "test", Optional.empty(), Duration.ofMinutes(5))));
    private final Map<ConversationKey, Long> known = new HashMap<>();

    @BeforeEach
    void clean() throws SQLException {
        sql("TRUNCATE conversations, cursors, messages CASCADE");
        sql("DELETE FROM users WHERE uid BETWEEN 11 AND 19");
        sql("INSERT INTO users (uid, username) VALUES (11, 'u11'), (12, 'u12'), (13, 'u13')");
    }

    @Test
    void aBatchNumbersEachConversationInDraftOrderAcrossBatches() throws SQLException {
        List<Message> first = write(List.of(draft(11, 12, "a"), draft(11, 13, "b"), draft(12, 11, "c")), List.of());
        assertThat(first).extracting(Message::seq).containsExactly(1L, 1L, 2L);
        assertThat(first.get(0).conversationId()).isEqualTo(first.get(2).conversationId());
        assertThat(first.get(1).conversationId()).isNotEqualTo(first.get(0).conversationId());

        List<Message> second = write(List.of(draft(12, 13, "d"), draft(11, 12, "e"), draft(12, 11, "f")), List.of());
        assertThat(second).extracting(Message::seq).containsExactly(1L, 3L, 4L);
        assertThat(stored()).containsExactly(
                first.get(0).conversationId() + "/1 a", first.get(0).conversationId() + "/2 c",
                first.get(0).conversationId() + "/3 e", first.get(0).conversationId() + "/4 f",
                first.get(1).conversationId() + "/1 b", second.get(0).conversationId() + "/1 d");
    }

    @Test
    void cursorsRideWithTheBatchOrAloneAndNeverGoDown() throws SQLException {
        List<Message> sent = write(List.of(draft(11, 12, "a"), draft(11, 12, "b"), draft(11, 12, "c")), List.of());
        long conversation = sent.get(0).conversationId();
        write(List.of(draft(11, 12, "d")), List.of(new MessageLog.CursorUpdate(12, conversation, 2)));
        assertThat(cursor(12, conversation)).isEqualTo(2);
        write(List.of(), List.of(new MessageLog.CursorUpdate(12, conversation, 4)));
        assertThat(cursor(12, conversation)).isEqualTo(4);
        write(List.of(), List.of(new MessageLog.CursorUpdate(12, conversation, 3)));
        assertThat(cursor(12, conversation)).as("never lowered").isEqualTo(4);
        assertThat(cursor(11, conversation)).as("the sender's passes its own messages").isEqualTo(4);
    }

    @Test
    void aCursorPassesMessagesNotForItsUserUpToTheFirstThatIs() throws SQLException {
        long conversation = write(List.of(draft(11, 12, "a"), draft(11, 12, "b")), List.of()).get(0).conversationId();
        assertThat(cursor(11, conversation)).isEqualTo(2);
        assertThat(cursor(12, conversation)).as("a and b are for 12").isZero();

        write(List.of(draft(12, 11, "c")), List.of());
        write(List.of(draft(11, 12, "d"), draft(11, 12, "e")), List.of());
        assertThat(cursor(12, conversation)).as("12 has not received a and b: its own c is not passed").isZero();
        assertThat(cursor(11, conversation)).as("11 has not received c: it stops before it").isEqualTo(2);

        write(List.of(), List.of(new MessageLog.CursorUpdate(11, conversation, 3)));
        assertThat(cursor(11, conversation)).as("c received, then d and e are its own").isEqualTo(5);
        write(List.of(), List.of(new MessageLog.CursorUpdate(12, conversation, 2)));
        assertThat(cursor(12, conversation)).as("a and b received, then its own c, up to d").isEqualTo(3);
    }

    @Test
    void thePendingCountsAreTheMessagesForEachUserPastItsCursor() throws SQLException {
        JdbcPendingCounts counts = new JdbcPendingCounts(dataSource);
        long conversation = write(List.of(draft(11, 12, "a"), draft(11, 12, "b"), draft(12, 11, "c"),
                draft(11, 13, "d")), List.of()).get(0).conversationId();
        assertThat(counts.of(12)).isEqualTo(2);
        assertThat(counts.of(11)).isEqualTo(1);
        assertThat(counts.of(13)).isEqualTo(1);
        assertThat(counts.total()).isEqualTo(4);

        write(List.of(), List.of(new MessageLog.CursorUpdate(12, conversation, 1)));
        assertThat(counts.of(12)).isEqualTo(1);
        assertThat(counts.byUser(0, 10).items()).extracting(PendingCounts.UserPending::uid, PendingCounts.UserPending::pending)
                .containsExactly(tuple(11L, 1L), tuple(12L, 1L), tuple(13L, 1L));
        assertThat(counts.byUser(0, 10).total()).isEqualTo(3);
        write(List.of(), List.of(new MessageLog.CursorUpdate(11, conversation, 3),
                new MessageLog.CursorUpdate(12, conversation, 2), new MessageLog.CursorUpdate(13, conversation + 1, 1)));
        assertThat(counts.total()).isZero();
        assertThat(counts.byUser(0, 10).items()).isEmpty();
    }

    /**
     * The backlog count on a long conversation with its cursors near the end: the messages are read on the
     * conversation's index from each cursor on, even with bitmap scans off (the planner's other way to read
     * a wide range). Bounded below only, the planner took a third of the table to be past any cursor and
     * chose a scan of the whole table here.
     */
    @Test
    void thePendingCountReadsALongConversationOnItsIndexFromTheCursorOn() throws SQLException {
        sql("INSERT INTO conversations (id, kind, user_low, user_high, last_seq) VALUES (7, 1, 11, 12, 100000)");
        // as the load generator's: 100-byte payloads, each message listing its one recipient, a time to live
        sql("INSERT INTO messages (conversation_id, seq, msg_id, sender_uid, recipients, payload, created_at, expires_at)"
                + " SELECT 7, s, decode(md5(s::text), 'hex'), 11 + s % 2, ARRAY[12 - s % 2]::bigint[],"
                + " decode(repeat('ab', 100), 'hex'), now(), now() + interval '10 minutes'"
                + " FROM generate_series(1, 100000) s");
        sql("INSERT INTO cursors (uid, conversation_id, delivered_seq) VALUES (11, 7, 99900), (12, 7, 99800)");
        sql("ANALYZE conversations, cursors, messages");

        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET enable_bitmapscan = off");
            try (ResultSet rs = s.executeQuery("EXPLAIN " + JdbcPendingCounts.TOTAL)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            } finally {
                s.execute("RESET enable_bitmapscan");
            }
        }

        assertThat(plan.toString()).contains("Index Scan using messages_pkey on messages")
                .doesNotContain("Seq Scan on messages");
        assertThat(new JdbcPendingCounts(dataSource).total()).as("11 sent the even ones, 12 the odd ones").isEqualTo(150);
    }

    @Test
    void aConversationGoneMeanwhileFailsTheBatch() throws SQLException {
        long conversation = write(List.of(draft(11, 12, "a")), List.of()).get(0).conversationId();
        sql("DELETE FROM conversations WHERE id = " + conversation);
        assertThatThrownBy(() -> write(List.of(draft(11, 12, "b")), List.of()))
                .isInstanceOf(SQLException.class).hasMessageContaining("gone");
        assertThat(stored()).isEmpty();
    }

    @Test
    void anAutoCommittingConnectionServesTheNextBatchAfterAFailedOneAndReplacesOneTheDatabaseDropped()
            throws SQLException {
        try (HeldConnection held = new HeldConnection(dataSource)) {
            long gone = write(held, log, List.of(draft(11, 12, "a")), List.of(), true).get(0).conversationId();
            assertThat(stored()).as("committed by the call, seen from another connection").containsExactly(gone + "/1 a");
            sql("DELETE FROM conversations WHERE id = " + gone);
            int pid = backend(held);
            assertThatThrownBy(() -> write(held, log, List.of(draft(11, 13, "b"), draft(11, 12, "c")), List.of(), true))
                    .isInstanceOf(SQLException.class).hasMessageContaining("gone");
            assertThat(stored()).as("nothing of the failed call").isEmpty();

            long kept = write(held, log, List.of(draft(11, 13, "d")), List.of(), false).get(0).conversationId();
            assertThat(backend(held)).as("the same connection, in transactions again").isEqualTo(pid);
            sql("SELECT pg_terminate_backend(" + pid + ")");
            assertThatThrownBy(() -> write(held, log, List.of(draft(11, 13, "e")), List.of(), true))
                    .isInstanceOf(SQLException.class);
            write(held, log, List.of(draft(11, 13, "f")), List.of(), true);
            assertThat(backend(held)).as("a new connection").isNotEqualTo(pid);
            assertThat(stored()).containsExactly(kept + "/1 d", kept + "/2 f");
        }
    }

    @Test
    void inAClusterTheBatchAndItsNoticeCommitTogether() throws SQLException {
        MessageLog clustered = new MessageLog(new ClusterNotices(new ClusterSettings(true, "n1", Optional.empty(), Duration.ofMinutes(5))));
        try (Connection listener = dataSource.getConnection(); Statement listen = listener.createStatement();
             HeldConnection held = new HeldConnection(dataSource)) {
            listen.execute("LISTEN " + CommitNoticeCodec.CHANNEL);
            long conversation = write(held, clustered, List.of(draft(11, 12, "a"), draft(12, 11, "b")), List.of(), false)
                    .get(0).conversationId();
            assertThat(notices(listener)).containsExactly("m n1 " + conversation + ".1.u12 " + conversation + ".2.u11");

            sql("DELETE FROM conversations WHERE id = " + conversation);
            assertThatThrownBy(() -> write(held, clustered, List.of(draft(11, 12, "c")), List.of(), false))
                    .isInstanceOf(SQLException.class);
            assertThat(notices(listener)).as("no notice of a batch not written").isEmpty();
        }
    }

    private static List<String> notices(Connection listener) throws SQLException {
        List<String> payloads = new ArrayList<>();
        PGNotification[] arrived = listener.unwrap(PGConnection.class).getNotifications(1_000);
        for (PGNotification n : arrived == null ? new PGNotification[0] : arrived) {
            payloads.add(n.getParameter());
        }
        return payloads;
    }

    private static int backend(HeldConnection held) throws SQLException {
        return held.run(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Writes one batch on a connection of its own, in auto-commit, as the writer does outside a cluster. */
    private List<Message> write(List<MessageDraft> drafts, List<MessageLog.CursorUpdate> cursors) throws SQLException {
        try (HeldConnection held = new HeldConnection(dataSource)) {
            return write(held, log, drafts, cursors, true);
        }
    }

    private List<Message> write(HeldConnection held, MessageLog writer, List<MessageDraft> drafts,
                                List<MessageLog.CursorUpdate> cursors, boolean autoCommit) throws SQLException {
        Map<ConversationKey, Long> resolved = new HashMap<>();
        List<Message> out = new ArrayList<>();
        HeldConnection.Work<Void> work = c -> {
            writer.write(c, drafts, known, resolved, cursors).forEach(w -> out.add(w.message()));
            return null;
        };
        if (autoCommit) {
            held.runAutoCommit(work);
        } else {
            held.run(work);
        }
        known.putAll(resolved);
        return out;
    }

    private static MessageDraft draft(long from, long to, String text) {
        return new MessageDraft(MessageId.random(), from, new Target.User(to), text.getBytes(StandardCharsets.UTF_8),
                1_000, 0);
    }

    private static List<String> stored() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT conversation_id, seq, payload FROM messages ORDER BY conversation_id, seq")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "/" + rs.getLong(2) + " " + new String(rs.getBytes(3), StandardCharsets.UTF_8));
            }
        }
        return rows;
    }

    private static long cursor(long uid, long conversation) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT delivered_seq FROM cursors WHERE uid = " + uid
                     + " AND conversation_id = " + conversation)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private static void sql(String statement) throws SQLException {
        database.sql(statement);
    }
}
