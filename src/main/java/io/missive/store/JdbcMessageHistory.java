package io.missive.store;

import io.missive.core.model.MessageId;
import io.missive.repository.MessageHistory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@link MessageHistory} in plain JDBC like {@link MessageLog}: a page is one indexed range scan of
 * the primary key (conversation_id, seq).
 */
@ApplicationScoped
public class JdbcMessageHistory implements MessageHistory {

    @Resource(lookup = DataSourceName.JNDI)
    private DataSource dataSource;

    @Override
    public OptionalLong pairConversation(long uidA, long uidB) {
        return conversation("SELECT id FROM conversations WHERE kind = 1 AND user_low = ? AND user_high = ?",
                Math.min(uidA, uidB), Math.max(uidA, uidB));
    }

    @Override
    public OptionalLong groupConversation(long groupId) {
        return conversation("SELECT id FROM conversations WHERE kind = 2 AND group_id = ?", groupId);
    }

    @Override
    public List<Entry> page(long conversationId, Direction direction, long from, int limit, long reader,
                            long nowMillis) {
        String sql = """
                SELECT seq, msg_id, sender_uid, payload, created_at FROM messages
                WHERE conversation_id = ? AND seq %s ?
                  AND (expires_at IS NULL OR expires_at > ?)
                  AND (? = 0 OR recipients IS NULL OR sender_uid = ? OR ? = ANY (recipients))
                ORDER BY seq %s LIMIT ?""".formatted(direction == Direction.BEFORE ? "<" : ">",
                direction == Direction.BEFORE ? "DESC" : "ASC");
        List<Entry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, conversationId);
            select.setLong(2, from);
            select.setObject(3, OffsetDateTime.ofInstant(Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC));
            select.setLong(4, reader);
            select.setLong(5, reader);
            select.setLong(6, reader);
            select.setInt(7, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(conversationId, rs.getLong(1), MessageId.of(rs.getBytes(2)), rs.getLong(3),
                            rs.getBytes(4), rs.getObject(5, OffsetDateTime.class).toInstant().toEpochMilli()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the history of conversation " + conversationId, e);
        }
        if (direction == Direction.BEFORE) {
            Collections.reverse(entries);
        }
        return entries;
    }

    private OptionalLong conversation(String sql, long... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setLong(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up a conversation", e);
        }
    }
}
