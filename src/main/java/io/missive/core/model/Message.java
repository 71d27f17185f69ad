package io.missive.core.model;

/**
 * A stored message: committed to the database, numbered in its conversation.
 *
 * @param conversationId the pair of users or the group it belongs to
 * @param seq            its place in the conversation, from 1
 * @param expiresAtMillis epoch millis after which it is no longer delivered, or 0 for never
 */
public record Message(long conversationId, long seq, MessageId id, long senderUid, Target target,
                      byte[] payload, long createdAtMillis, long expiresAtMillis) {

    public boolean expiredAt(long nowMillis) {
        return expiresAtMillis != 0 && nowMillis >= expiresAtMillis;
    }

    public long groupId() {
        return target.groupId();
    }
}
