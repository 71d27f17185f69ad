package io.missive.store;

import io.missive.core.model.Message;
import io.missive.core.model.Target;
import io.missive.core.store.ConversationHistory;
import io.missive.repository.MessageHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.OptionalLong;

/**
 * {@link ConversationHistory} on the history API's {@link MessageHistory}: the same pages, as the
 * core's messages (with their target, so that a protocol can name the conversation).
 */
@ApplicationScoped
public class JdbcConversationHistory implements ConversationHistory {

    @Inject
    private MessageHistory history;

    @Override
    public List<Message> ofGroup(long groupId, long readerUid, long beforeSeq, int limit) {
        return page(history.groupConversation(groupId), readerUid, beforeSeq, limit, sender -> new Target.Group(groupId));
    }

    @Override
    public List<Message> ofPair(long readerUid, long peerUid, long beforeSeq, int limit) {
        return page(history.pairConversation(readerUid, peerUid), readerUid, beforeSeq, limit,
                sender -> new Target.User(sender == readerUid ? peerUid : readerUid));
    }

    private interface TargetOf {
        Target of(long senderUid);
    }

    private List<Message> page(OptionalLong conversation, long readerUid, long beforeSeq, int limit, TargetOf targetOf) {
        if (conversation.isEmpty()) {
            return List.of();
        }
        // a part-of-group message reads as addressed to the group: the page holds only those the reader may see
        return history.page(conversation.getAsLong(), MessageHistory.Direction.BEFORE, beforeSeq, limit, readerUid,
                        System.currentTimeMillis()).stream()
                .map(e -> new Message(e.conversationId(), e.seq(), e.msgId(), e.senderUid(), targetOf.of(e.senderUid()),
                        e.payload(), e.createdAtMillis(), 0))
                .toList();
    }
}
