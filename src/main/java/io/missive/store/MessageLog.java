package io.missive.store;

import io.missive.core.model.Message;
import io.missive.core.model.MessageDraft;
import io.missive.core.model.MessageId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
 * drafts becomes: conversations resolved (new pairs created with both cursors), one UPDATE raising
 * last_seq of every conversation in the batch, one INSERT of every message and one UPDATE of every
 * cursor acknowledged or of a sender in the batch (each one statement over arrays, whatever the
 * batch's size); all in one transaction.
 * Reading the log back is {@link MessageLogReads}'.
 * A draft whose sender used its client message id before is not written again: it is answered
 * with the message stored the first time (looked up with one SELECT per batch that has such ids).
 */
@ApplicationScoped
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
     * Writes one batch on the writer's connection, in the transaction its caller commits; answers
     * the stored messages in draft order. {@code known} holds committed conversation ids and is only
     * read; ids created or looked up here go into {@code resolved}, which the caller keeps only if the
     * transaction commits.
     */
    public List<Written> write(Connection connection, List<MessageDraft> drafts, Map<ConversationKey, Long> known,
                        Map<ConversationKey, Long> resolved, List<CursorUpdate> cursors) throws SQLException {
        List<Written> stored = drafts.isEmpty() ? List.of() : writeDrafts(connection, drafts, known, resolved);
        List<Message> fresh = stored.stream().filter(w -> !w.duplicate()).map(Written::message).toList();
        notices.messagesStored(connection, fresh);
        if (!cursors.isEmpty() || !fresh.isEmpty()) {
            raiseCursors(connection, cursors, fresh);
        }
        return stored;
    }

    /**
     * Inserts the drafts that are new and answers every draft's outcome in draft order. Two drafts
     * of one batch with the same client key store one message. A concurrent writer (another node)
     * storing the same client key first makes the INSERT fail with a unique violation; the
     * caller's one-by-one retry then finds that message here.
     */
    private List<Written> writeDrafts(Connection connection, List<MessageDraft> drafts,
                                      Map<ConversationKey, Long> known, Map<ConversationKey, Long> resolved)
            throws SQLException {
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
        List<Message> inserted = fresh.isEmpty() ? List.of() : insert(connection, fresh, known, resolved);
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

    private List<Message> insert(Connection connection, List<MessageDraft> drafts,
                                 Map<ConversationKey, Long> known, Map<ConversationKey, Long> resolved)
            throws SQLException {
        long[] conversationOf = new long[drafts.size()];
        Map<Long, Integer> countPerConversation = new LinkedHashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            ConversationKey key = ConversationKey.of(drafts.get(i));
            Long id = known.get(key);
            if (id == null) {
                id = resolved.get(key);
            }
            if (id == null) {
                id = resolve(connection, key);
                resolved.put(key, id);
            }
            conversationOf[i] = id;
            countPerConversation.merge(id, 1, Integer::sum);
        }
        Map<Long, Long> nextSeq = allocate(connection, countPerConversation);

        int n = drafts.size();
        List<Message> stored = new ArrayList<>(n);
        Long[] conversations = new Long[n];
        Long[] seqs = new Long[n];
        byte[][] ids = new byte[n][];
        Long[] senders = new Long[n];
        String[] recipients = new String[n];
        byte[][] payloads = new byte[n][];
        Long[] created = new Long[n];
        Long[] expires = new Long[n];
        String[] clientIds = new String[n];
        for (int i = 0; i < n; i++) {
            MessageDraft d = drafts.get(i);
            long conversationId = conversationOf[i];
            long seq = nextSeq.merge(conversationId, 1L, Long::sum) - 1;
            conversations[i] = conversationId;
            seqs[i] = seq;
            ids[i] = d.id().toBytes();
            senders[i] = d.senderUid();
            long[] listed = d.target().listedUids();
            recipients[i] = listed == null ? null : arrayLiteral(listed);
            payloads[i] = d.payload();
            created[i] = d.createdAtMillis();
            expires[i] = d.expiresAtMillis() == 0 ? null : d.expiresAtMillis();
            clientIds[i] = d.clientMsgId();
            stored.add(new Message(conversationId, seq, d.id(), d.senderUid(), d.target(), d.payload(),
                    d.createdAtMillis(), d.expiresAtMillis()));
        }
        // one statement over arrays, whatever the batch's size (times as epoch milliseconds, exact); arrays are
        // bound with setObject, which pgjdbc encodes under the array's default type: createArrayOf looked each
        // array's type up by name first, a sixth of the writer's time in a profile
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO messages (conversation_id, seq, msg_id, sender_uid, recipients, payload, created_at,
                                      expires_at, client_msg_id)
                SELECT v.conversation_id, v.seq, v.msg_id, v.sender_uid, v.recipients::bigint[], v.payload,
                       'epoch'::timestamptz + v.created_ms * interval '1 millisecond',
                       'epoch'::timestamptz + v.expires_ms * interval '1 millisecond', v.client_msg_id
                FROM unnest(?::bigint[], ?::bigint[], ?::bytea[], ?::bigint[], ?::text[], ?::bytea[], ?::bigint[],
                            ?::bigint[], ?::varchar[])
                     AS v(conversation_id, seq, msg_id, sender_uid, recipients, payload, created_ms, expires_ms,
                          client_msg_id)""")) {
            insert.setObject(1, conversations);
            insert.setObject(2, seqs);
            insert.setObject(3, ids);
            insert.setObject(4, senders);
            insert.setObject(5, recipients);
            insert.setObject(6, payloads);
            insert.setObject(7, created);
            insert.setObject(8, expires);
            insert.setObject(9, clientIds);
            insert.executeUpdate();
        }
        return stored;
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

    /** Raises last_seq of every conversation at once; answers the first new number of each. */
    private Map<Long, Long> allocate(Connection connection, Map<Long, Integer> counts) throws SQLException {
        Long[] ids = counts.keySet().toArray(Long[]::new);
        Integer[] ns = counts.values().toArray(Integer[]::new);
        Map<Long, Long> first = new HashMap<>();
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE conversations c SET last_seq = c.last_seq + v.n
                FROM unnest(?::bigint[], ?::int[]) AS v(id, n)
                WHERE c.id = v.id
                RETURNING c.id, c.last_seq""")) {
            update.setObject(1, ids);
            update.setObject(2, ns);
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    first.put(id, rs.getLong(2) - counts.get(id) + 1);
                }
            }
        }
        if (first.size() != counts.size()) {
            throw new SQLException("conversation(s) gone while writing: " + counts.keySet() + " vs " + first.keySet());
        }
        return first;
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
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO conversations (kind, user_low, user_high) VALUES (1, ?, ?)
                ON CONFLICT (user_low, user_high) WHERE kind = 1 DO UPDATE SET kind = 1
                RETURNING id""")) {
            upsert.setLong(1, key.userLow());
            upsert.setLong(2, key.userHigh());
            long id;
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            try (PreparedStatement cursors = connection.prepareStatement("""
                    INSERT INTO cursors (uid, conversation_id, delivered_seq) VALUES (?, ?, 0), (?, ?, 0)
                    ON CONFLICT (uid, conversation_id) DO NOTHING""")) {
                cursors.setLong(1, key.userLow());
                cursors.setLong(2, id);
                cursors.setLong(3, key.userHigh());
                cursors.setLong(4, id);
                cursors.executeUpdate();
            }
            return id;
        }
    }

    /**
     * Raises every cursor of the batch with one statement, in key order (so that two nodes' writers
     * lock shared rows in the same order); a cursor never goes down. The cursors raised are those
     * acknowledged, and the senders' own in the conversations they wrote to.
     *
     * <p>Each cursor then moves on past the messages that are not for its user (their own, or a
     * group message listing others), up to the next one that is or the conversation's last. A
     * sender's cursor would otherwise stay where its last receipt left it, and every read of what
     * is pending for it (a login's drain, the backlog gauge) would scan its own messages since,
     * a one-way conversation's whole history.
     */
    private void raiseCursors(Connection connection, List<CursorUpdate> acknowledged, List<Message> written)
            throws SQLException {
        Map<CursorKey, Long> raised = new TreeMap<>();
        for (CursorUpdate c : acknowledged) {
            raised.merge(new CursorKey(c.uid(), c.conversationId()), c.seq(), Math::max);
        }
        for (Message m : written) {
            raised.putIfAbsent(new CursorKey(m.senderUid(), m.conversationId()), 0L);
        }
        int n = raised.size();
        Long[] uids = new Long[n];
        Long[] conversations = new Long[n];
        Long[] seqs = new Long[n];
        int i = 0;
        for (Map.Entry<CursorKey, Long> e : raised.entrySet()) {
            uids[i] = e.getKey().uid();
            conversations[i] = e.getKey().conversationId();
            seqs[i++] = e.getValue();
        }
        // the conversation's last_seq read here is committed, or this transaction's own: every message up
        // to it is visible, so no message can be passed over before it is committed
        try (PreparedStatement update = connection.prepareStatement("""
                WITH raised AS (
                    SELECT c.uid, c.conversation_id, coalesce(
                               (SELECT min(m.seq) - 1 FROM messages m
                                WHERE m.conversation_id = c.conversation_id
                                  AND m.seq > GREATEST(c.delivered_seq, v.seq)
                                  AND m.sender_uid <> c.uid
                                  AND (m.recipients IS NULL OR c.uid = ANY (m.recipients))),
                               GREATEST(k.last_seq, c.delivered_seq, v.seq)) AS seq
                    FROM unnest(?::bigint[], ?::bigint[], ?::bigint[]) WITH ORDINALITY AS v(uid, conversation_id, seq, n)
                    JOIN cursors c ON c.uid = v.uid AND c.conversation_id = v.conversation_id
                    JOIN conversations k ON k.id = v.conversation_id
                    ORDER BY v.n)
                UPDATE cursors c SET delivered_seq = r.seq
                FROM raised r
                WHERE c.uid = r.uid AND c.conversation_id = r.conversation_id AND r.seq > c.delivered_seq""")) {
            update.setObject(1, uids);
            update.setObject(2, conversations);
            update.setObject(3, seqs);
            update.executeUpdate();
        }
    }
}
