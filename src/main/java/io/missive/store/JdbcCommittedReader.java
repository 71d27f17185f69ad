package io.missive.store;

import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.routing.CommitNotice;
import io.missive.core.routing.CommittedReader;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the messages other nodes committed, with one query per notice, for this node's sessions. */
@ApplicationScoped
public class JdbcCommittedReader implements CommittedReader {

    @Resource(lookup = DataSourceName.JNDI)
    private DataSource dataSource;

    private record Place(long conversationId, long seq) {
    }

    @Override
    public List<Message> read(List<CommitNotice.Committed> places) {
        Long[] conversations = new Long[places.size()];
        Long[] seqs = new Long[places.size()];
        for (int i = 0; i < places.size(); i++) {
            conversations[i] = places.get(i).conversationId();
            seqs[i] = places.get(i).seq();
        }
        Map<Place, Message> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT m.conversation_id, m.seq, m.msg_id, m.sender_uid, m.recipients, m.payload, m.created_at,
                            m.expires_at, v.kind, v.user_low, v.user_high, v.group_id, v.channel_id
                     FROM unnest(?::bigint[], ?::bigint[]) AS p(conversation_id, seq)
                     JOIN messages m ON m.conversation_id = p.conversation_id AND m.seq = p.seq
                     JOIN conversations v ON v.id = m.conversation_id""")) {
            select.setObject(1, conversations);
            select.setObject(2, seqs);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Message m = message(rs);
                    found.put(new Place(m.conversationId(), m.seq()), m);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<Message> inOrder = new ArrayList<>(found.size());
        for (CommitNotice.Committed place : places) {
            Message m = found.get(new Place(place.conversationId(), place.seq()));
            if (m != null) {
                inOrder.add(m);
            }
        }
        return inOrder;
    }

    private static Message message(ResultSet rs) throws SQLException {
        long sender = rs.getLong(4);
        Array recipients = rs.getArray(5);
        long[] listed = recipients == null ? null
                : Arrays.stream((Long[]) recipients.getArray()).mapToLong(Long::longValue).toArray();
        Target target = switch (rs.getShort(9)) {
            case ConversationEntity.PAIR -> new Target.User(rs.getLong(10) == sender ? rs.getLong(11) : rs.getLong(10));
            case ConversationEntity.GROUP -> listed == null ? new Target.Group(rs.getLong(12))
                    : new Target.GroupPart(rs.getLong(12), listed);
            default -> listed == null ? new Target.Channel(rs.getLong(13)) : new Target.ChannelPart(rs.getLong(13), listed);
        };
        OffsetDateTime expires = rs.getObject(8, OffsetDateTime.class);
        return new Message(rs.getLong(1), rs.getLong(2), MessageId.of(rs.getBytes(3)), sender, target, rs.getBytes(6),
                rs.getObject(7, OffsetDateTime.class).toInstant().toEpochMilli(),
                expires == null ? 0 : expires.toInstant().toEpochMilli());
    }
}
