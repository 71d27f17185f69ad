-- Issue 18: the foreign key from messages to conversations checked every inserted message with a
-- query of its own (a fifth of the message writer's time in PostgreSQL, in a profile of the
-- durable benchmark). The writer needs no such check: in the transaction that inserts a batch it
-- first raises last_seq of each conversation of the batch, which fails if one is gone and holds the
-- row until the commit, so no message can refer to a missing conversation. What the key also did,
-- deleting a conversation's messages with it (a group deleted), is now done by this trigger, in the
-- deleting transaction.
ALTER TABLE messages DROP CONSTRAINT messages_conversation_id_fkey;

CREATE FUNCTION delete_messages_of_conversation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM messages WHERE conversation_id = OLD.id;
    RETURN OLD;
END
$$;

CREATE TRIGGER conversations_delete_messages AFTER DELETE ON conversations
    FOR EACH ROW EXECUTE FUNCTION delete_messages_of_conversation();
