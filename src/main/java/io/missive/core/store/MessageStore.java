package io.missive.core.store;

import io.missive.core.model.Message;
import io.missive.core.model.MessageDraft;

import java.util.List;
import java.util.Map;

/** The durable message log and each recipient's delivery cursors. */
public interface MessageStore {

    /**
     * Stores a draft durably. The listener is called once, after the commit (or its failure),
     * on the store's writer thread, and in commit order: for one conversation, in sequence
     * order. Listeners must therefore be quick and never block.
     */
    void append(MessageDraft draft, AppendListener listener);

    /**
     * Messages the user still has to receive, oldest first within each conversation, at most
     * {@code limit} of them: those after the user's stored cursor and after what this session
     * has already been sent ({@code sentSeqByConversation}), neither sent by the user nor
     * expired, and addressed to the user.
     */
    List<Message> pending(long uid, Map<Long, Long> sentSeqByConversation, int limit);

    /**
     * Records that the user has received everything in the conversation up to {@code seq}.
     * Written behind and coalesced: losing it in a crash only means a redelivery.
     */
    void markDelivered(long uid, long conversationId, long seq);

    /** Deletes messages whose time to live has run out; answers how many. */
    int purgeExpired(long nowMillis);
}
