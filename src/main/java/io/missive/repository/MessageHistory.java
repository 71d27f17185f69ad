package io.missive.repository;

import io.missive.core.model.MessageId;

import java.util.List;
import java.util.OptionalLong;

/**
 * A conversation's stored messages a page at a time, by sequence number, for the history API.
 * Expired messages are left out, as delivery leaves them out.
 */
public interface MessageHistory {

    /** One stored message as history shows it. */
    record Entry(long conversationId, long seq, MessageId msgId, long senderUid, byte[] payload,
                 long createdAtMillis) {
    }

    /** Which way a page runs from its starting number; a page is always answered oldest first. */
    enum Direction {
        /** The newest messages numbered below the start. */
        BEFORE,
        /** The oldest messages numbered above the start. */
        AFTER
    }

    /** The conversation of two users, if they ever exchanged a message. */
    OptionalLong pairConversation(long uidA, long uidB);

    /** The conversation of a group (made with the group). */
    OptionalLong groupConversation(long groupId);

    /**
     * A page of a conversation, oldest first: at most {@code limit} messages numbered below
     * {@code from} (the newest of them) or above it (the oldest of them).
     *
     * @param reader the user reading: a message to part of a group is shown only to its listed
     *               members and its sender; 0 reads every message (a back end)
     */
    List<Entry> page(long conversationId, Direction direction, long from, int limit, long reader, long nowMillis);
}
