package io.missive.store;

import io.missive.core.model.Message;
import io.missive.core.model.MessageDraft;
import io.missive.core.model.MessageId;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SQL of the message hot path, on the writer's connection ({@link HeldConnection}). A batch of
 * drafts and acknowledged cursors is one call of {@code write_message_batch} (sql/V10), whatever the
 * batch's size: it numbers the conversations of the batch, inserts every message and raises every cursor
 * acknowledged or of a sender in the batch, in one statement, so that a writer in auto-commit pays one
 * round trip per batch. Conversations met for the first time are resolved before it (new pairs created
 * with both cursors), each with one statement of its own.
 * Reading the log back is {@link MessageLogReads}'.
 * A draft whose sender used its client message id before is not written again: it is answered
 * with the message stored the first time (looked up with one SELECT per batch that has such ids).
 *
 * <p>Dependent: its one owner, {@link JdbcMessageStore}, holds it without a client proxy, whose look-up of the
 * instance on every batch showed in a profile of the durable path (issue 18).
 */
@Dependent
public class MessageLog {

    @Inject
    private ClusterNotices notices;

    public MessageLog() {
    }

    /** Outside a container (tests of the SQL on a real database). */
    MessageLog(ClusterNotices notices) {
        this.notices = notices;
    }

    /** A cursor to raise. */
    record CursorUpdate(long uid, long conversationId, long seq) {
    }

    /** What became of a draft: stored now, or stored earlier under the same sender and client message id. */
    record Written(Message message, boolean duplicate) {
    }

    /** A sender's own id of a message. */
    private record ClientKey(long senderUid, String clientMsgId) {

        static ClientKey of(MessageDraft draft) {
            return draft.clientMsgId() == null ? null : new ClientKey(draft.senderUid(), draft.clientMsgId());
        }
    }

    /**
     * Whether a batch's statements must commit together. A batch is one call, and the statements before
     * it (client message ids looked up, new conversations made) need not commit with it; in a cluster
     * the call's notice to the other nodes is a statement after it that must.
     */
    boolean needsTransaction() {
        return notices.announces();
    }

    /**
     * Writes one batch on the writer's connection, committed by the call itself (auto-commit) or by
     * its caller; answers the stored messages in draft order. {@code known} holds committed
     * conversation ids and is only read; ids created or looked up here go into {@code resolved},
     * which the caller keeps only if the batch is written.
     */
    public List<Written> write(Connection connection, List<MessageDraft> drafts, Map<ConversationKey, Long> known,
                        Map<ConversationKey, Long> resolved, List<CursorUpdate> cursors) throws SQLException {
        Map<ClientKey, Message> earlier = storedEarlier(connection, drafts);
        List<MessageDraft> fresh = new ArrayList<>(drafts.size());
        Map<ClientKey, Integer> freshIndex = new HashMap<>();
        for (MessageDraft d : drafts) {
            ClientKey key = ClientKey.of(d);
            if (key == null || (!earlier.containsKey(key) && !freshIndex.containsKey(key))) {
                if (key != null) {
                    freshIndex.put(key, fresh.size());
                }
                fresh.add(d);
            }
        }
        List<Message> inserted = fresh.isEmpty() && cursors.isEmpty() ? List.of()
                : writeBatch(connection, fresh, known, resolved, cursors);
        notices.messagesStored(connection, inserted);
        return outcomes(drafts, earlier, inserted, freshIndex);
    }

    /**
     * Every draft's outcome in draft order. Two drafts of one batch with the same client key store one
     * message. A concurrent writer (another node) storing the same client key first makes the INSERT fail
     * with a unique violation; the caller's one-by-one retry then finds that message in {@code earlier}.
     */
    private static List<Written> outcomes(List<MessageDraft> drafts, Map<ClientKey, Message> earlier,
                                          List<Message> inserted, Map<ClientKey, Integer> freshIndex) {
        List<Written> out = new ArrayList<>(drafts.size());
        int next = 0;
        Map<ClientKey, Boolean> seen = new HashMap<>();
        for (MessageDraft d : drafts) {
            ClientKey key = ClientKey.of(d);
            if (key == null) {
                out.add(new Written(inserted.get(next++), false));
            } else if (earlier.containsKey(key)) {
                out.add(new Written(earlier.get(key), true));
            } else if (seen.putIfAbsent(key, Boolean.TRUE) == null) {
                out.add(new Written(inserted.get(next++), false));
            } else {
                out.add(new Written(inserted.get(freshIndex.get(key)), true));
            }
        }
        return out;
    }

    /** The stored messages whose sender and client message id a draft of the batch repeats. */
    private Map<ClientKey, Message> storedEarlier(Connection connection, List<MessageDraft> drafts)
            throws SQLException {
        Map<ClientKey, MessageDraft> wanted = new LinkedHashMap<>();
        for (MessageDraft d : drafts) {
            ClientKey key = ClientKey.of(d);
            if (key != null) {
                wanted.putIfAbsent(key, d);
            }
        }
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<ClientKey, Message> found = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT m.sender_uid, m.client_msg_id, m.conversation_id, m.seq, m.msg_id, m.payload,
                       m.created_at, m.expires_at
                FROM messages m JOIN unnest(?::bigint[], ?::varchar[]) AS k(sender_uid, client_msg_id)
                  ON m.sender_uid = k.sender_uid AND m.client_msg_id = k.client_msg_id
                WHERE m.client_msg_id IS NOT NULL""")) {
            select.setObject(1, wanted.keySet().stream().map(ClientKey::senderUid).toArray(Long[]::new));
            select.setObject(2, wanted.keySet().stream().map(ClientKey::clientMsgId).toArray(String[]::new));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ClientKey key = new ClientKey(rs.getLong(1), rs.getString(2));
                    OffsetDateTime expires = rs.getObject(8, OffsetDateTime.class);
                    // the target is the retry's: the stored row keeps the conversation, not the target's form
                    found.put(key, new Message(rs.getLong(3), rs.getLong(4), MessageId.of(rs.getBytes(5)),
                            key.senderUid(), wanted.get(key).target(), rs.getBytes(6),
                            rs.getObject(7, OffsetDateTime.class).toInstant().toEpochMilli(),
                            expires == null ? 0 : expires.toInstant().toEpochMilli()));
                }
            }
        }
        return found;
    }

    /**
     * Writes the new drafts and raises the cursors with one call; answers the drafts as stored. The
     * cursors raised are those acknowledged, and the senders' own in the conversations they wrote to,
     * in key order, so that two nodes' writers lock shared rows in the same order; each moves on past
     * the messages not for its user (the function says how), so that a sender's cursor does not stay
     * where its last receipt left it, and every read of what is pending for it (a login's drain, the
     * backlog gauge) would scan its own messages since.
     */
    private List<Message> writeBatch(Connection connection, List<MessageDraft> drafts, Map<ConversationKey, Long> known,
                                     Map<ConversationKey, Long> resolved, List<CursorUpdate> acknowledged)
            throws SQLException {
        int n = drafts.size();
        Map<CursorKey, Long> raised = new TreeMap<>();
        for (CursorUpdate c : acknowledged) {
            raised.merge(new CursorKey(c.uid(), c.conversationId()), c.seq(), Math::max);
        }
        Map<Long, Integer> place = new LinkedHashMap<>();   // conversation id -> its place in the call, from 0
        List<Integer> counts = new ArrayList<>();
        long[] conversationOf = new long[n];
        Integer[] conversationPlace = new Integer[n];
        Integer[] offsets = new Integer[n];
        byte[][] ids = new byte[n][];
        Long[] senders = new Long[n];
        String[] recipients = new String[n];
        byte[][] payloads = new byte[n][];
        Long[] created = new Long[n];
        Long[] expires = new Long[n];
        String[] clientIds = new String[n];
        for (int i = 0; i < n; i++) {
            MessageDraft d = drafts.get(i);
            long conversationId = conversationId(connection, ConversationKey.of(d), known, resolved);
            Integer k = place.get(conversationId);
            if (k == null) {
                k = counts.size();
                place.put(conversationId, k);
                counts.add(0);
            }
            conversationOf[i] = conversationId;
            conversationPlace[i] = k + 1;
            offsets[i] = counts.get(k);
            counts.set(k, offsets[i] + 1);
            ids[i] = d.id().toBytes();
            senders[i] = d.senderUid();
            long[] listed = d.target().listedUids();
            recipients[i] = listed == null ? null : arrayLiteral(listed);
            payloads[i] = d.payload();
            created[i] = d.createdAtMillis();
            expires[i] = d.expiresAtMillis() == 0 ? null : d.expiresAtMillis();
            clientIds[i] = d.clientMsgId();
            raised.putIfAbsent(new CursorKey(d.senderUid(), conversationId), 0L);
        }
        Long[] cursorUids = new Long[raised.size()];
        Long[] cursorConversations = new Long[raised.size()];
        Long[] cursorSeqs = new Long[raised.size()];
        int j = 0;
        for (Map.Entry<CursorKey, Long> e : raised.entrySet()) {
            cursorUids[j] = e.getKey().uid();
            cursorConversations[j] = e.getKey().conversationId();
            cursorSeqs[j++] = e.getValue();
        }
        // arrays are bound with setObject, which pgjdbc encodes under the array's default type: createArrayOf
        // looked each array's type up by name first, a sixth of the writer's time in a profile
        Long[] firstSeqs;
        try (PreparedStatement call = connection.prepareStatement("""
                SELECT write_message_batch(?::bigint[], ?::int[], ?::int[], ?::int[], ?::bytea[], ?::bigint[],
                                           ?::text[], ?::bytea[], ?::bigint[], ?::bigint[], ?::varchar[],
                                           ?::bigint[], ?::bigint[], ?::bigint[])""")) {
            Object[] arguments = {place.keySet().toArray(Long[]::new), counts.toArray(Integer[]::new), conversationPlace,
                    offsets, ids, senders, recipients, payloads, created, expires, clientIds, cursorUids,
                    cursorConversations, cursorSeqs};
            for (int a = 0; a < arguments.length; a++) {
                call.setObject(a + 1, arguments[a]);
            }
            try (ResultSet rs = call.executeQuery()) {
                rs.next();
                Array numbered = rs.getArray(1);
                firstSeqs = (Long[]) numbered.getArray();
                numbered.free();
            }
        }
        List<Message> stored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            MessageDraft d = drafts.get(i);
            stored.add(new Message(conversationOf[i], firstSeqs[conversationPlace[i] - 1] + offsets[i], d.id(),
                    d.senderUid(), d.target(), d.payload(), d.createdAtMillis(), d.expiresAtMillis()));
        }
        return stored;
    }

    private long conversationId(Connection connection, ConversationKey key, Map<ConversationKey, Long> known,
                                Map<ConversationKey, Long> resolved) throws SQLException {
        Long id = known.get(key);
        if (id == null) {
            id = resolved.get(key);
        }
        if (id == null) {
            id = resolve(connection, key);
            resolved.put(key, id);
        }
        return id;
    }

    /** A bigint[] as PostgreSQL's array literal ({@code {1,2,3}}), for an array inside a row of arrays. */
    private static String arrayLiteral(long[] values) {
        StringBuilder literal = new StringBuilder(values.length * 8).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append(values[i]);
        }
        return literal.append('}').toString();
    }

    private long resolve(Connection connection, ConversationKey key) throws SQLException {
        if (!key.isPair()) {
            boolean group = key.groupId() != 0;
            try (PreparedStatement select = connection.prepareStatement(group
                    ? "SELECT id FROM conversations WHERE kind = 2 AND group_id = ?"
                    : "SELECT id FROM conversations WHERE kind = 3 AND channel_id = ?")) {
                select.setLong(1, group ? key.groupId() : key.channelId());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            // a channel's conversation is made by its first subscription, which the core checked
            throw new SQLException("no conversation for " + key);
        }
        // one statement, so that a pair never exists without its two cursors, in auto-commit too
        try (PreparedStatement upsert = connection.prepareStatement("""
                WITH pair AS (
                    INSERT INTO conversations (kind, user_low, user_high) VALUES (1, ?, ?)
                    ON CONFLICT (user_low, user_high) WHERE kind = 1 DO UPDATE SET kind = 1
                    RETURNING id),
                both_cursors AS (
                    INSERT INTO cursors (uid, conversation_id, delivered_seq)
                    SELECT u.uid, pair.id, 0 FROM pair, (VALUES (?::bigint), (?::bigint)) AS u(uid)
                    ON CONFLICT (uid, conversation_id) DO NOTHING)
                SELECT id FROM pair""")) {
            upsert.setLong(1, key.userLow());
            upsert.setLong(2, key.userHigh());
            upsert.setLong(3, key.userLow());
            upsert.setLong(4, key.userHigh());
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
