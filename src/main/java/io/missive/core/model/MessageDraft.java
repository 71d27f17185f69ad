package io.missive.core.model;

/**
 * A message accepted for publishing but not yet stored: it has no sequence number yet.
 *
 * @param expiresAtMillis when it stops being delivered (epoch millis), or 0 for never
 * @param clientMsgId     the publisher's own id of the message, which makes a retry idempotent: the
 *                        store keeps one message per sender and client id; null for none
 */
public record MessageDraft(MessageId id, long senderUid, Target target, byte[] payload,
                           long createdAtMillis, long expiresAtMillis, String clientMsgId) {

    /** A draft without a client id: every publish of it is a new message. */
    public MessageDraft(MessageId id, long senderUid, Target target, byte[] payload,
                        long createdAtMillis, long expiresAtMillis) {
        this(id, senderUid, target, payload, createdAtMillis, expiresAtMillis, null);
    }
}
