-- The REST surface (issue 4): idempotent server-to-server publishes and the key that signs
-- end users' access tokens.

-- A back end may give its own id to a message (client_msg_id) so that a retry of the same
-- publish stores nothing new: the id is unique per sender. NULL for every other message.
ALTER TABLE messages ADD COLUMN client_msg_id VARCHAR(64);
CREATE UNIQUE INDEX messages_client_msg_id ON messages (sender_uid, client_msg_id)
    WHERE client_msg_id IS NOT NULL;

-- The RSA key that signs access tokens when none is configured: made by the first node that
-- starts, then shared by every node and kept across restarts, so that a token stays valid
-- whichever node a client reaches. One row (id 1); PKCS#8 DER.
CREATE TABLE token_signing_keys (
    id          SMALLINT PRIMARY KEY CHECK (id = 1),
    private_key BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
