-- Issue 18: a batch of messages and acknowledgements written by one call. The writer used to send three
-- statements (number the conversations, insert the messages, raise the cursors) and a COMMIT, each a round
-- trip between the writer and its backend; the same statements here are one round trip, and on a writer
-- connection in auto-commit the call commits itself. Measured on the SQL alone (15 messages a batch,
-- durable database): the backend's CPU per message 72-78 -> 59-65 us, the writer thread's 9-14 -> 3-5 us.
--
-- Arguments are arrays, one entry per message or per cursor, so one cached plan fits every batch.
-- Answers, for each conversation of p_conversations, the first sequence number its messages got: the
-- writer numbers the messages from those, as this function does.
CREATE FUNCTION write_message_batch(
    p_conversations        BIGINT[],   -- the batch's conversations with messages, each once
    p_counts               INT[],      -- how many messages each of them gets
    p_conversation         INT[],      -- per message: its conversation's place in p_conversations, from 1
    p_offset               INT[],      -- per message: its place among its conversation's messages, from 0
    p_msg_ids              BYTEA[],
    p_senders              BIGINT[],
    p_recipients           TEXT[],     -- per message: a group message's listed recipients, '{1,2}', or null
    p_payloads             BYTEA[],
    p_created_ms           BIGINT[],   -- epoch milliseconds
    p_expires_ms           BIGINT[],   -- epoch milliseconds, or null
    p_client_msg_ids       VARCHAR[],
    p_cursor_uids          BIGINT[],   -- cursors to raise (acknowledged, and the senders' own), in key order
    p_cursor_conversations BIGINT[],
    p_cursor_seqs          BIGINT[])
    RETURNS BIGINT[] LANGUAGE plpgsql AS $$
DECLARE
    first_seqs BIGINT[] := '{}';
BEGIN
    IF cardinality(p_conversations) > 0 THEN
        -- fails if a conversation is gone (a group deleted meanwhile), and holds each row until the commit
        WITH numbered AS (
            UPDATE conversations c SET last_seq = c.last_seq + v.n
            FROM unnest(p_conversations, p_counts) WITH ORDINALITY AS v(id, n, k)
            WHERE c.id = v.id
            RETURNING v.k, c.last_seq - v.n + 1 AS first_seq)
        SELECT coalesce(array_agg(first_seq ORDER BY k), '{}') INTO first_seqs FROM numbered;
        IF cardinality(first_seqs) <> cardinality(p_conversations) THEN
            RAISE EXCEPTION 'conversation(s) gone while writing: %', p_conversations USING ERRCODE = 'no_data_found';
        END IF;
        INSERT INTO messages (conversation_id, seq, msg_id, sender_uid, recipients, payload, created_at,
                              expires_at, client_msg_id)
        SELECT p_conversations[v.k], first_seqs[v.k] + v.off, v.msg_id, v.sender_uid, v.recipients::bigint[],
               v.payload, 'epoch'::timestamptz + v.created_ms * interval '1 millisecond',
               'epoch'::timestamptz + v.expires_ms * interval '1 millisecond', v.client_msg_id
        FROM unnest(p_conversation, p_offset, p_msg_ids, p_senders, p_recipients, p_payloads, p_created_ms,
                    p_expires_ms, p_client_msg_ids)
             AS v(k, off, msg_id, sender_uid, recipients, payload, created_ms, expires_ms, client_msg_id);
    END IF;
    IF cardinality(p_cursor_uids) > 0 THEN
        -- Each cursor moves on past the messages not for its user (its own, a group message listing others),
        -- up to the next one that is or the conversation's last. last_seq read here is committed or this
        -- call's own, so no message is passed over before it is committed.
        WITH raised AS (
            SELECT c.uid, c.conversation_id, coalesce(
                       (SELECT min(m.seq) - 1 FROM messages m
                        WHERE m.conversation_id = c.conversation_id
                          AND m.seq > GREATEST(c.delivered_seq, v.seq)
                          AND m.sender_uid <> c.uid
                          AND (m.recipients IS NULL OR c.uid = ANY (m.recipients))),
                       GREATEST(k.last_seq, c.delivered_seq, v.seq)) AS seq
            FROM unnest(p_cursor_uids, p_cursor_conversations, p_cursor_seqs) WITH ORDINALITY
                 AS v(uid, conversation_id, seq, n)
            JOIN cursors c ON c.uid = v.uid AND c.conversation_id = v.conversation_id
            JOIN conversations k ON k.id = v.conversation_id
            ORDER BY v.n)
        UPDATE cursors c SET delivered_seq = r.seq
        FROM raised r
        WHERE c.uid = r.uid AND c.conversation_id = r.conversation_id AND r.seq > c.delivered_seq;
    END IF;
    RETURN first_seqs;
END
$$;
