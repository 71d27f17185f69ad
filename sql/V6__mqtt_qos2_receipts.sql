-- QoS 2 publishes a persistent MQTT session has received and not yet seen released (PUBREL).
-- Stored in the commit of the message itself, so that the client's resend of the PUBLISH after a
-- server restart is recognised as a duplicate and not delivered a second time; deleted before
-- PUBCOMP, after which the client may use the packet id again.
CREATE TABLE mqtt_qos2_received (
    client_id TEXT    NOT NULL REFERENCES mqtt_sessions (client_id) ON DELETE CASCADE,
    packet_id INTEGER NOT NULL CHECK (packet_id BETWEEN 1 AND 65535),
    PRIMARY KEY (client_id, packet_id)
);
