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
 * {@link PendingCounts} in SQL, by the rule of {@link MessageLog#pending}. Conversations whose last sequence number
 * the cursor has reached are skipped through {@code conversations.last_seq} before any message
 * row is read.
 */
@ApplicationScoped
public class JdbcPendingCounts implements PendingCounts {

    /** Pending messages per user, one row per user with at least one. */
    private static final String PER_USER = """
            SELECT c.uid, count(*) AS pending
            FROM cursors c
            JOIN conversations v ON v.id = c.conversation_id AND v.last_seq > c.delivered_seq
            JOIN messages m ON m.conversation_id = c.conversation_id AND m.seq > c.delivered_seq
            WHERE m.sender_uid <> c.uid
              AND (m.recipients IS NULL OR c.uid = ANY (m.recipients))
              AND (m.expires_at IS NULL OR m.expires_at > now())
            """;

    private static final PagedQuery BY_USER = new PagedQuery(
            "SELECT p.uid, u.username, p.pending FROM (" + PER_USER + " GROUP BY c.uid) p JOIN users u ON u.uid = p.uid",
            "pending DESC, uid");

    @Resource(lookup = DataSourceName.JNDI)
    private DataSource dataSource;

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
             PreparedStatement select = connection.prepareStatement(PER_USER + " AND c.uid = ? GROUP BY c.uid")) {
            select.setLong(1, uid);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(2) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting pending messages failed", e);
        }
    }

    @Override
    public long total() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT coalesce(sum(pending), 0) FROM (" + PER_USER + " GROUP BY c.uid) p");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting pending messages failed", e);
        }
    }
}
