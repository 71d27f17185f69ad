package io.missive.store;

import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.store.MessageHistory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** {@link MessageHistory} on the message log: one indexed range read of a conversation, newest first, then turned. */
@ApplicationScoped
public class JdbcMessageHistory implements MessageHistory {

    @Resource(lookup = "jdbc/missive")
    private DataSource dataSource;

    @Override
    public List<Message> ofGroup(long groupId, long readerUid, long beforeSeq, int limit) {
        return read("kind = 2 AND group_id = ?", new long[]{groupId}, readerUid, beforeSeq, limit,
                (sender, listed) -> listed == null ? new Target.Group(groupId) : new Target.GroupPart(groupId, listed));
    }

    @Override
    public List<Message> ofPair(long readerUid, long peerUid, long beforeSeq, int limit) {
        return read("kind = 1 AND user_low = ? AND user_high = ?",
                new long[]{Math.min(readerUid, peerUid), Math.max(readerUid, peerUid)}, readerUid, beforeSeq, limit,
                (sender, listed) -> new Target.User(sender == readerUid ? peerUid : readerUid));
    }

    private interface TargetOf {
        Target of(long senderUid, long[] listed);
    }

    private List<Message> read(String conversation, long[] keys, long readerUid, long beforeSeq, int limit,
                               TargetOf targetOf) {
        List<Message> out = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT m.conversation_id, m.seq, m.msg_id, m.sender_uid, m.recipients, m.payload, m.created_at,
                            m.expires_at
                     FROM messages m
                     WHERE m.conversation_id = (SELECT id FROM conversations WHERE %s)
                       AND m.seq < ?
                       AND (m.recipients IS NULL OR ? = ANY (m.recipients) OR m.sender_uid = ?)
                       AND (m.expires_at IS NULL OR m.expires_at > now())
                     ORDER BY m.seq DESC LIMIT ?""".formatted(conversation))) {
            int i = 1;
            for (long key : keys) {
                select.setLong(i++, key);
            }
            select.setLong(i++, beforeSeq);
            select.setLong(i++, readerUid);
            select.setLong(i++, readerUid);
            select.setInt(i, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Array recipients = rs.getArray(5);
                    long[] listed = recipients == null ? null
                            : Arrays.stream((Long[]) recipients.getArray()).mapToLong(Long::longValue).toArray();
                    long sender = rs.getLong(4);
                    OffsetDateTime expires = rs.getObject(8, OffsetDateTime.class);
                    out.add(new Message(rs.getLong(1), rs.getLong(2), MessageId.of(rs.getBytes(3)), sender,
                            targetOf.of(sender, listed), rs.getBytes(6),
                            rs.getObject(7, OffsetDateTime.class).toInstant().toEpochMilli(),
                            expires == null ? 0 : expires.toInstant().toEpochMilli()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Collections.reverse(out);
        return out;
    }
}
