package io.missive.core;

import io.missive.core.model.MessageId;
import io.missive.core.model.Target;

/**
 * What a client or a back end asks the core to publish, whoever sends it.
 *
 * @param id          the sender's id of the message (the protocol's, or a random one)
 * @param target      to whom
 * @param payload     the bytes, as they are
 * @param ttlMillis   how long the message may wait for an offline recipient; 0 for the default
 * @param clientMsgId a back end's own id of the message, making a retry idempotent; null for none
 */
public record Publication(MessageId id, Target target, byte[] payload, long ttlMillis, String clientMsgId) {

    /** A publication with the default time to live and no client message id. */
    public static Publication of(MessageId id, Target target, byte[] payload) {
        return new Publication(id, target, payload, 0, null);
    }

    public Publication withTtl(long millis) {
        return new Publication(id, target, payload, millis, clientMsgId);
    }

    public Publication withClientMsgId(String backEndId) {
        return new Publication(id, target, payload, ttlMillis, backEndId);
    }
}
