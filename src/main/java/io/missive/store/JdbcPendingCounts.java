package io.missive.store;

import io.missive.repository.Page;
import io.missive.repository.PendingCounts;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * {@link PendingCounts} in SQL, by the rule of {@link MessageLogReads#pending}. Only cursors behind their
 * conversation's last sequence number are looked at (through {@code conversations.last_seq}), and each
 * counts its own messages on the conversation's index from the cursor on: the writer keeps a cursor past
 * the messages that are not for its user (its own), so that is what is pending and little more. (As one
 * join, the planner chose to scan every message and filter, its cost growing with the whole history.)
 *
 * <p>Each count is bounded above by the conversation's {@code last_seq}, which no message passes: with the
 * lower bound alone the planner guesses that a third of the table is past any cursor, and a large
 * conversation's statistics then made a scan of the whole table look nearly as cheap as the index. The
 * plan flipped to it now and then: about a second of a core per count (four cursors behind on a
 * conversation of 1.3 million messages), every {@code missive.metrics.backlog-interval}, and past
 * PostgreSQL's {@code jit_above_cost}, so a server with JIT compiled the query each time. Bounded on both
 * sides, the guess is a small range, and the index wins by far (docs/benchmarks.md).
 */
@ApplicationScoped
public class JdbcPendingCounts implements PendingCounts {

    /** The cursors behind, each with how many messages are pending on it ({@code b.pending}). */
    private static final String BEHIND = """
            FROM cursors c
            JOIN conversations v ON v.id = c.conversation_id
            CROSS JOIN LATERAL (
                SELECT count(*) AS pending FROM messages m
                WHERE m.conversation_id = c.conversation_id AND m.seq > c.delivered_seq AND m.seq <= v.last_seq
                  AND m.sender_uid <> c.uid
                  AND (m.recipients IS NULL OR c.uid = ANY (m.recipients))
                  AND (m.expires_at IS NULL OR m.expires_at > now())) b
            WHERE v.last_seq > c.delivered_seq
            """;

    /** Every user's pending messages together: the backlog the metrics export. */
    static final String TOTAL = "SELECT coalesce(sum(b.pending), 0) " + BEHIND;

    private static final PagedQuery BY_USER = new PagedQuery(
            "SELECT p.uid, u.username, p.pending FROM (SELECT c.uid, sum(b.pending) AS pending " + BEHIND
                    + " GROUP BY c.uid HAVING sum(b.pending) > 0) p JOIN users u ON u.uid = p.uid",
            "pending DESC, uid");

    @Resource(lookup = DataSourceName.JNDI)
    private DataSource dataSource;

    public JdbcPendingCounts() {
    }

    /** Outside a container (tests of the SQL on a real database). */
    JdbcPendingCounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Page<UserPending> byUser(int offset, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            return BY_USER.run(connection, List.of(), offset, limit,
                    rs -> new UserPending(rs.getLong("uid"), rs.getString("username"), rs.getLong("pending")));
        } catch (SQLException e) {
            throw new IllegalStateException("counting pending messages failed", e);
        }
    }

    @Override
    public long of(long uid) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT coalesce(sum(b.pending), 0) " + BEHIND + " AND c.uid = ?")) {
            select.setLong(1, uid);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting pending messages failed", e);
        }
    }

    @Override
    public long total() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(TOTAL);
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting pending messages failed", e);
        }
    }
}
