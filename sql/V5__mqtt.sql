-- MQTT publish/subscribe (issue 5): persistent sessions, their subscriptions, the QoS 1 and 2
-- messages each still has to receive or complete, and retained messages.
-- A message is one row whatever its number of recipients; a delivery row per persistent session
-- that must receive it, deleted when the client acknowledges it.

CREATE TABLE mqtt_sessions (
    client_id  TEXT PRIMARY KEY,
    -- the owner; NULL for an anonymous client (only where anonymous clients are allowed)
    username   VARCHAR(64),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE mqtt_subscriptions (
    client_id    TEXT NOT NULL REFERENCES mqtt_sessions (client_id) ON DELETE CASCADE,
    topic_filter TEXT NOT NULL,
    qos          SMALLINT       NOT NULL CHECK (qos BETWEEN 0 AND 2),
    PRIMARY KEY (client_id, topic_filter)
);

-- Every QoS 1 and 2 publish, committed before its PUBACK / PUBREC; rows no delivery refers to
-- any more are purged.
CREATE TABLE mqtt_messages (
    id         BIGSERIAL PRIMARY KEY,
    topic      TEXT NOT NULL,
    payload    BYTEA          NOT NULL,
    qos        SMALLINT       NOT NULL CHECK (qos BETWEEN 0 AND 2),
    created_at TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX mqtt_messages_created ON mqtt_messages (created_at);

-- packet_id is the id the message was last sent with (NULL: not sent yet), so that a resumed
-- session, even after a restart, sends it again under the same id; released: for QoS 2, the
-- client sent PUBREC and awaits PUBREL.
CREATE TABLE mqtt_deliveries (
    client_id  TEXT NOT NULL REFERENCES mqtt_sessions (client_id) ON DELETE CASCADE,
    message_id BIGINT         NOT NULL REFERENCES mqtt_messages (id) ON DELETE CASCADE,
    qos        SMALLINT       NOT NULL CHECK (qos BETWEEN 1 AND 2),
    packet_id  INTEGER CHECK (packet_id BETWEEN 1 AND 65535),
    released   BOOLEAN        NOT NULL DEFAULT FALSE,
    PRIMARY KEY (client_id, message_id)
);
CREATE INDEX mqtt_deliveries_by_message ON mqtt_deliveries (message_id);

CREATE TABLE mqtt_retained (
    topic      TEXT PRIMARY KEY,
    payload    BYTEA          NOT NULL,
    qos        SMALLINT       NOT NULL CHECK (qos BETWEEN 0 AND 2),
    updated_at TIMESTAMPTZ    NOT NULL DEFAULT now()
);
