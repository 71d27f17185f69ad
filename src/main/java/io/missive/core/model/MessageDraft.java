package io.missive.core.model;

/**
 * A message accepted for publishing but not yet stored: it has no sequence number yet.
 *
 * @param expiresAtMillis when it stops being delivered (epoch millis), or 0 for never
 */
public record MessageDraft(MessageId id, long senderUid, Target target, byte[] payload,
                           long createdAtMillis, long expiresAtMillis) {
}
