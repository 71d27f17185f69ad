-- Push devices (seed 001) and their channels.
-- A device is a principal like a user: it has a users row (role 'device', username
-- 'device:<uid>', no password, so it can never log in with one), and its uid is the device_id
-- that registration answers. So every part of delivery (sessions, cursors, pending messages)
-- serves devices unchanged.

CREATE TABLE devices (
    uid           BIGINT PRIMARY KEY REFERENCES users (uid) ON DELETE CASCADE,
    serial_no     VARCHAR(128) NOT NULL UNIQUE,
    device_type   SMALLINT     NOT NULL CHECK (device_type BETWEEN 1 AND 6),
    device_name   VARCHAR(128) NOT NULL DEFAULT '',
    -- SHA-256 of the device's token: tokens are 256 random bits, so a fast hash is enough
    token_hash    BYTEA        NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Subscriptions are durable: what a channel receives while a subscriber is offline reaches it
-- on its next connection. Channel ids are the business's own (any positive int64).
CREATE TABLE channel_subscriptions (
    channel_id    BIGINT      NOT NULL CHECK (channel_id > 0),
    uid           BIGINT      NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
    subscribed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (channel_id, uid)
);
CREATE INDEX channel_subscriptions_by_user ON channel_subscriptions (uid);

-- A channel's messages form one conversation (kind 3), created by its first subscription.
ALTER TABLE conversations ADD COLUMN channel_id BIGINT;
ALTER TABLE conversations DROP CONSTRAINT conversations_kind_check;
ALTER TABLE conversations DROP CONSTRAINT conversations_check;
ALTER TABLE conversations ADD CONSTRAINT conversations_kind_check CHECK (kind IN (1, 2, 3));
ALTER TABLE conversations ADD CONSTRAINT conversations_shape_check CHECK (
       (kind = 1 AND user_low < user_high AND group_id IS NULL AND channel_id IS NULL)
    OR (kind = 2 AND group_id IS NOT NULL AND user_low IS NULL AND user_high IS NULL AND channel_id IS NULL)
    OR (kind = 3 AND channel_id IS NOT NULL AND user_low IS NULL AND user_high IS NULL AND group_id IS NULL));
CREATE UNIQUE INDEX conversations_channel ON conversations (channel_id) WHERE kind = 3;
