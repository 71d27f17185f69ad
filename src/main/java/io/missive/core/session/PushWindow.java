package io.missive.core.session;

import io.missive.core.model.Message;
import io.missive.core.model.MessageId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's pushes sent and not yet acknowledged, and how far each conversation has been
 * sent and acknowledged: the bookkeeping of at-least-once delivery. A conversation's cursor moves
 * only over acknowledged pushes at the head of its queue, so it never passes a message the client
 * has not confirmed. Confined to the session's mailbox; maps are made on first use, so that an
 * idle session costs little.
 */
final class PushWindow {

    /** Moves a user's cursor in a conversation: everything up to {@code seq} is delivered. */
    interface Cursors {
        void delivered(long conversationId, long seq);
    }

    /** What a tick found: pushes to send again, or a push past its last resend. */
    record Due(List<Message> resend, boolean expiredAny, Message unacknowledged) {
    }

    private Map<MessageId, InFlight> inFlight;
    private Map<Long, Progress> progress;

    int size() {
        Map<MessageId, InFlight> map = inFlight;
        return map == null ? 0 : map.size();
    }

    /** The highest sequence number sent, per conversation. */
    Map<Long, Long> sentSeqs() {
        Map<Long, Long> sent = new HashMap<>();
        if (progress != null) {
            progress.forEach((conversation, p) -> sent.put(conversation, p.sentSeq));
        }
        return sent;
    }

    /** Whether {@code message} is newer than what its conversation has been sent. */
    boolean isNew(Message message) {
        return message.seq() > progressOf(message.conversationId()).sentSeq;
    }

    void sent(Message message, long nowMillis) {
        Progress p = progressOf(message.conversationId());
        p.sentSeq = message.seq();
        InFlight entry = new InFlight(message, nowMillis);
        if (!p.stalled) {
            p.unacknowledged.add(entry);
        }
        if (inFlight == null) {
            inFlight = new LinkedHashMap<>();
        }
        InFlight sameId = inFlight.putIfAbsent(message.id(), entry);
        if (sameId != null) {
            InFlight last = sameId;
            while (last.alsoUnderThisId != null) {
                last = last.alsoUnderThisId;
            }
            last.alsoUnderThisId = entry;
        }
    }

    /** The client acknowledged {@code id}; answers whether it was in flight. */
    boolean acknowledge(MessageId id, Cursors cursors) {
        if (inFlight == null) {
            return false;
        }
        InFlight entry = inFlight.remove(id);
        acknowledgeChain(entry, cursors);
        return entry != null;
    }

    /**
     * The pushes whose resend interval has passed at {@code now}: past their time to live they count
     * as done; past {@code maxResends} the client is given up on; the others are resent.
     */
    Due due(long now, long resendIntervalMillis, int maxResends, Cursors cursors) {
        List<Message> resend = new ArrayList<>();
        boolean expiredAny = false;
        if (inFlight == null) {
            return new Due(resend, false, null);
        }
        for (Iterator<InFlight> it = inFlight.values().iterator(); it.hasNext(); ) {
            InFlight head = it.next();
            if (now - head.lastSentMillis < resendIntervalMillis) {
                continue;
            }
            if (head.message.expiredAt(now)) {
                // Past its time to live: no longer delivered, so no longer waited for.
                it.remove();
                acknowledgeChain(head, cursors);
                expiredAny = true;
                continue;
            }
            if (head.resends >= maxResends) {
                return new Due(List.of(), expiredAny, head.message);
            }
            for (InFlight e = head; e != null; e = e.alsoUnderThisId) {
                e.resends++;
                e.lastSentMillis = now;
                resend.add(e.message);
            }
        }
        return new Due(resend, expiredAny, null);
    }

    /**
     * Stops waiting for the oldest pushes past {@code keep}, for a client that may never acknowledge:
     * their conversations' cursors stay where they are for the rest of this session, so what was not
     * acknowledged is delivered again at the user's next login.
     */
    void forgetOldest(int keep) {
        if (inFlight == null) {
            return;
        }
        for (Iterator<InFlight> it = inFlight.values().iterator(); inFlight.size() > keep && it.hasNext(); ) {
            InFlight oldest = it.next();
            it.remove();
            for (InFlight e = oldest; e != null; e = e.alsoUnderThisId) {
                Progress p = progress.get(e.message.conversationId());
                p.stalled = true;
                p.unacknowledged.clear();
            }
        }
    }

    /** When the first push still in flight was last sent (the oldest, where nothing is resent), or {@link Long#MAX_VALUE}. */
    long oldestSentMillis() {
        Map<MessageId, InFlight> map = inFlight;
        return map == null || map.isEmpty() ? Long.MAX_VALUE : map.values().iterator().next().lastSentMillis;
    }

    /** When the next resend is due, or {@link Long#MAX_VALUE}. */
    long nextResendAt(long resendIntervalMillis) {
        long next = Long.MAX_VALUE;
        if (inFlight != null) {
            for (InFlight e : inFlight.values()) {
                next = Math.min(next, e.lastSentMillis + resendIntervalMillis);
            }
        }
        return next;
    }

    private void acknowledgeChain(InFlight entry, Cursors cursors) {
        for (InFlight e = entry; e != null; e = e.alsoUnderThisId) {
            e.acknowledged = true;
            advanceCursor(e.message.conversationId(), cursors);
        }
    }

    /** Records delivery up to the last of the acknowledged pushes at the head of the conversation's queue. */
    private void advanceCursor(long conversationId, Cursors cursors) {
        Progress p = progress.get(conversationId);
        long delivered = -1;
        while (!p.unacknowledged.isEmpty() && p.unacknowledged.peekFirst().acknowledged) {
            delivered = p.unacknowledged.pollFirst().message.seq();
        }
        if (delivered > 0) {
            cursors.delivered(conversationId, delivered);
        }
    }

    private Progress progressOf(long conversationId) {
        if (progress == null) {
            progress = new HashMap<>();
        }
        return progress.computeIfAbsent(conversationId, c -> new Progress());
    }

    /** One conversation as this session sees it. */
    private static final class Progress {
        /** The highest sequence number pushed to this session. */
        long sentSeq;
        /** Pushes in send order; acknowledged ones leave from the head, moving the cursor. */
        final ArrayDeque<InFlight> unacknowledged = new ArrayDeque<>(4);
        /** A push no longer waited for was never acknowledged: the cursor does not move again in this session. */
        boolean stalled;
    }

    /** A push awaiting its acknowledgement. */
    private static final class InFlight {
        final Message message;
        long lastSentMillis;
        int resends;
        boolean acknowledged;
        /** Other pushes in flight under the same message id: one acknowledgement covers them all. */
        InFlight alsoUnderThisId;

        InFlight(Message message, long sentMillis) {
            this.message = message;
            this.lastSentMillis = sentMillis;
        }
    }
}
