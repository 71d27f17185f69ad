package io.missive.core.store;

import io.missive.core.model.Message;

import java.util.List;

/**
 * Stored messages of a conversation as a participant may read them again, newest last: the
 * page of at most {@code limit} messages before {@code beforeSeq}, unexpired, and only those
 * addressed to the reader (a part-of-group message is not shown to members it was not for).
 * For protocols that serve history themselves (MQTT's im:// history); blocks: call it on a mailbox.
 */
public interface ConversationHistory {

    List<Message> ofGroup(long groupId, long readerUid, long beforeSeq, int limit);

    List<Message> ofPair(long readerUid, long peerUid, long beforeSeq, int limit);
}
