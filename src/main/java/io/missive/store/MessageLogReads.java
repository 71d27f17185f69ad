package io.missive.store;

import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The SQL that reads the message log back and trims it: a user's pending messages (the store path
 * of delivery) and the purge of expired messages. Writing is {@link MessageLog}'s.
 */
@ApplicationScoped
public class MessageLogReads {

    @Resource(lookup = DataSourceName.JNDI)
    private DataSource dataSource;

    public MessageLogReads() {
    }

    /** Outside a container (tests of the SQL on a real database). */
    MessageLogReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** See {@link io.missive.core.store.MessageStore#pending}. Reads outside any transaction. */
    public List<Message> pending(long uid, Map<Long, Long> sentSeqByConversation, int limit, long nowMillis)
            throws SQLException {
        List<Message> out = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            record Behind(long id, long after, short kind, long groupId, long channelId) {
            }
            List<Behind> behind = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT c.conversation_id, c.delivered_seq, v.kind, v.group_id, v.channel_id
                    FROM cursors c JOIN conversations v ON v.id = c.conversation_id
                    WHERE c.uid = ? AND v.last_seq > c.delivered_seq
                    ORDER BY c.conversation_id""")) {
                select.setLong(1, uid);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        long after = Math.max(rs.getLong(2), sentSeqByConversation.getOrDefault(id, 0L));
                        behind.add(new Behind(id, after, rs.getShort(3), rs.getLong(4), rs.getLong(5)));
                    }
                }
            }
            try (PreparedStatement messages = connection.prepareStatement("""
                    SELECT seq, msg_id, sender_uid, recipients, payload, created_at, expires_at
                    FROM messages
                    WHERE conversation_id = ? AND seq > ? AND sender_uid <> ?
                      AND (recipients IS NULL OR ? = ANY (recipients))
                      AND (expires_at IS NULL OR expires_at > ?)
                    ORDER BY seq LIMIT ?""")) {
                for (Behind b : behind) {
                    if (out.size() >= limit) {
                        break;
                    }
                    messages.setLong(1, b.id());
                    messages.setLong(2, b.after());
                    messages.setLong(3, uid);
                    messages.setLong(4, uid);
                    messages.setObject(5, time(nowMillis));
                    messages.setInt(6, limit - out.size());
                    try (ResultSet rs = messages.executeQuery()) {
                        while (rs.next()) {
                            Array recipients = rs.getArray(4);
                            long[] listed = recipients == null ? null
                                    : Arrays.stream((Long[]) recipients.getArray()).mapToLong(Long::longValue).toArray();
                            Target target = switch (b.kind()) {
                                case ConversationEntity.PAIR -> new Target.User(uid);
                                case ConversationEntity.GROUP -> listed == null ? new Target.Group(b.groupId())
                                        : new Target.GroupPart(b.groupId(), listed);
                                default -> listed == null ? new Target.Channel(b.channelId())
                                        : new Target.ChannelPart(b.channelId(), listed);
                            };
                            OffsetDateTime expires = rs.getObject(7, OffsetDateTime.class);
                            out.add(new Message(b.id(), rs.getLong(1), MessageId.of(rs.getBytes(2)), rs.getLong(3),
                                    target, rs.getBytes(5), rs.getObject(6, OffsetDateTime.class).toInstant().toEpochMilli(),
                                    expires == null ? 0 : expires.toInstant().toEpochMilli()));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Deletes expired messages, {@link BatchedPurge#BATCH} to a transaction in the order they expired;
     * answers how many. Nothing (0) while another node purges. Called outside any transaction.
     */
    public int purgeExpired(long nowMillis) throws SQLException {
        OffsetDateTime now = time(nowMillis);
        return new BatchedPurge(dataSource, PurgeLock.MESSAGES).run("""
                WITH gone AS (
                    DELETE FROM messages WHERE (conversation_id, seq) IN (
                        SELECT conversation_id, seq FROM messages
                        WHERE expires_at IS NOT NULL AND expires_at >= ? AND expires_at <= ?
                        ORDER BY expires_at LIMIT ?)
                    RETURNING expires_at)
                SELECT count(*), max(expires_at) FROM gone""", time(0), OffsetDateTime.class, (delete, from, limit) -> {
            delete.setObject(1, from);
            delete.setObject(2, now);
            delete.setInt(3, limit);
        });
    }

    private static OffsetDateTime time(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
