package io.missive.core.pubsub;

/**
 * The way out of a {@link PubSubSession} to its current connection, in the protocol's wire
 * format. Called on the session's mailbox; implementations write without blocking.
 */
public interface PubSubOutbound {

    /**
     * Sends a message.
     *
     * @param packetId 0 for QoS 0
     * @param dup      whether it was sent before on an earlier connection
     */
    void publish(int packetId, String topic, byte[] payload, int qos, boolean retain, boolean dup);

    /** Sends the release of a QoS 2 message whose receipt the client confirmed (MQTT's PUBREL). */
    void release(int packetId);

    /** The client id connected again, on another node: this connection ends (MQTT 3.1.1, 3.1.4-2). */
    void takenOver();
}
