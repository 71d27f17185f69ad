-- Missive's first schema: accounts, groups, conversations, messages and delivery cursors.
-- A message is one row whatever the number of its recipients; what each recipient still
-- has to receive is a cursor per (user, conversation), not a row per (user, message).

CREATE TABLE users (
    uid           BIGINT PRIMARY KEY CHECK (uid BETWEEN 1 AND 4294967295),
    username      VARCHAR(64)  NOT NULL UNIQUE,
    password_hash VARCHAR(512),
    role          VARCHAR(16)  NOT NULL DEFAULT 'user',
    disabled      BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE SEQUENCE users_uid_seq AS BIGINT START WITH 1000 MINVALUE 1 MAXVALUE 4294967295;

CREATE TABLE chat_groups (
    id         BIGINT PRIMARY KEY CHECK (id BETWEEN 1 AND 4294967295),
    name       VARCHAR(128) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE SEQUENCE chat_groups_id_seq AS BIGINT START WITH 1000 MINVALUE 1 MAXVALUE 4294967295;

CREATE TABLE group_members (
    group_id  BIGINT NOT NULL REFERENCES chat_groups (id) ON DELETE CASCADE,
    uid       BIGINT NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
    joined_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, uid)
);
CREATE INDEX group_members_by_user ON group_members (uid);

-- A conversation is a pair of users (kind 1, user_low < user_high) or a group (kind 2).
-- last_seq is the sequence number of its newest message; a publish batch raises it with
-- one UPDATE, and the row lock keeps numbers in commit order across nodes.
CREATE TABLE conversations (
    id        BIGSERIAL PRIMARY KEY,
    kind      SMALLINT NOT NULL CHECK (kind IN (1, 2)),
    user_low  BIGINT,
    user_high BIGINT,
    group_id  BIGINT REFERENCES chat_groups (id) ON DELETE CASCADE,
    last_seq  BIGINT NOT NULL DEFAULT 0,
    CHECK ((kind = 1 AND user_low < user_high AND group_id IS NULL)
        OR (kind = 2 AND group_id IS NOT NULL AND user_low IS NULL AND user_high IS NULL))
);
CREATE UNIQUE INDEX conversations_pair ON conversations (user_low, user_high) WHERE kind = 1;
CREATE UNIQUE INDEX conversations_group ON conversations (group_id) WHERE kind = 2;

-- recipients is NULL for everyone in the conversation, or the uids of a part-of-group publish.
CREATE TABLE messages (
    conversation_id BIGINT      NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             BIGINT      NOT NULL,
    msg_id          BYTEA       NOT NULL,
    sender_uid      BIGINT      NOT NULL,
    recipients      BIGINT[],
    payload         BYTEA       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ,
    PRIMARY KEY (conversation_id, seq)
);
CREATE INDEX messages_expiry ON messages (expires_at) WHERE expires_at IS NOT NULL;

-- The last sequence number delivered to (and acknowledged by) a user in a conversation.
CREATE TABLE cursors (
    uid             BIGINT NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    delivered_seq   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (uid, conversation_id)
);
