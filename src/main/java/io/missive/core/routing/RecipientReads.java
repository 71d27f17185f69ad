package io.missive.core.routing;

import io.missive.core.model.MemberSet;
import io.missive.core.model.Message;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Routes whose recipients (a group's members, a channel's subscribers) are not at hand when the
 * message is routed. Routing runs on the store's writer (or, in a cluster, the commit feed's
 * delivery thread), whose every commit would wait behind a database read; so the read runs on
 * {@code reads} instead, and the conversation's later messages wait behind it, so that a session
 * still gets a conversation's messages in sequence order. Other conversations are not held up.
 */
final class RecipientReads {

    /** What a conversation's routes do once its recipients are read. */
    interface Delivery {

        /** The recipients, read if need be; may block. Throws when they cannot be read. */
        Optional<MemberSet> read(Message message);

        /** Hands the message to the recipients' sessions here; never blocks. */
        void deliver(Message message, long originSessionId, Optional<MemberSet> recipients);

        /** The recipients could not be read: every session here reads the store again. */
        void unreadable(Message message, RuntimeException cause);
    }

    private record Route(Message message, long originSessionId) {
    }

    private final Executor reads;
    private final Delivery delivery;
    /** Conversations with routes waiting for a read, oldest first. Guarded by itself. */
    private final Map<Long, ArrayDeque<Route>> waiting = new HashMap<>();

    RecipientReads(Executor reads, Delivery delivery) {
        this.reads = reads;
        this.delivery = delivery;
    }

    /**
     * Delivers {@code message} now when its conversation has nothing waiting and {@code atHand} has
     * its recipients; else queues it behind the conversation's waiting routes, or starts a read.
     */
    void route(Message message, long originSessionId, Function<Message, Optional<MemberSet>> atHand) {
        Optional<MemberSet> recipients;
        long conversation = message.conversationId();
        synchronized (waiting) {
            ArrayDeque<Route> queue = waiting.get(conversation);
            if (queue != null) {
                queue.add(new Route(message, originSessionId));
                return;
            }
            recipients = atHand.apply(message);
            if (recipients.isEmpty()) {
                queue = new ArrayDeque<>();
                queue.add(new Route(message, originSessionId));
                waiting.put(conversation, queue);
            }
        }
        if (recipients.isPresent()) {
            delivery.deliver(message, originSessionId, recipients);
            return;
        }
        try {
            reads.execute(() -> drain(conversation));
        } catch (RejectedExecutionException shuttingDown) {
            synchronized (waiting) {
                waiting.remove(conversation);
            }
            delivery.unreadable(message, shuttingDown);
        }
    }

    /** Routes a conversation's waiting messages in order, each with its recipients as read now. */
    private void drain(long conversation) {
        while (true) {
            Route next;
            synchronized (waiting) {
                next = waiting.get(conversation).peek();
                if (next == null) {
                    waiting.remove(conversation);
                    return;
                }
            }
            Optional<MemberSet> recipients;
            try {
                recipients = delivery.read(next.message());
            } catch (RuntimeException e) {
                synchronized (waiting) {
                    // under the lock: the re-reads are asked for before anything newer of this conversation is routed
                    waiting.remove(conversation);
                    delivery.unreadable(next.message(), e);
                }
                return;
            }
            synchronized (waiting) {
                waiting.get(conversation).poll();
            }
            delivery.deliver(next.message(), next.originSessionId(), recipients);
        }
    }

    /** Conversations with routes waiting for a read (tests and status). */
    int waitingConversations() {
        synchronized (waiting) {
            return waiting.size();
        }
    }
}
