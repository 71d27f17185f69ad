package io.missive.store;

import io.missive.core.model.MessageDraft;
import io.missive.core.model.Target;

/** What names a conversation before its id is known: an ordered pair of uids, a group or a channel. */
record ConversationKey(long userLow, long userHigh, long groupId, long channelId) {

    static ConversationKey of(MessageDraft draft) {
        Target target = draft.target();
        if (target instanceof Target.User user) {
            long a = draft.senderUid();
            long b = user.uid();
            return new ConversationKey(Math.min(a, b), Math.max(a, b), 0, 0);
        }
        return new ConversationKey(0, 0, target.groupId(), target.channelId());
    }

    boolean isPair() {
        return groupId == 0 && channelId == 0;
    }
}
