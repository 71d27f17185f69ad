package io.missive.core.pubsub;

/**
 * A published message as the engine routes it.
 *
 * @param storedId its id in the store once committed (QoS 1 and 2, and retained ones); 0 when not stored
 * @param qos      the QoS it was published with
 */
public record PubSubMessage(long storedId, String topic, byte[] payload, int qos, boolean retain) {

    public PubSubMessage withStoredId(long id) {
        return new PubSubMessage(id, topic, payload, qos, retain);
    }
}
