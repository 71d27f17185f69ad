package io.missive.core.pubsub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The retained message of each topic, bounded in count and in payload bytes. A retained publish
 * takes its room when it is published ({@link #reserve}), before its commit, so that publishes in
 * flight at once cannot all pass the bound; the commit puts the message ({@link #committed}) or the
 * failure gives the room back ({@link #cancelled}). A clear (an empty payload) always passes.
 * Thread-safe: publishes come from every session's mailbox, commits from the store's writer.
 */
final class RetainedMessages {

    private static final Logger LOG = Logger.getLogger(RetainedMessages.class.getName());

    private final int maxMessages;
    private final long maxBytes;
    private final Map<String, PubSubMessage> messages = new HashMap<>();   // guarded by this
    /** Per topic, the retained publishes between {@link #reserve} and their commit. */
    private final Map<String, Reservations> reserved = new HashMap<>();    // guarded by this
    private int reservedNewTopics;   // guarded by this: reserved topics not in messages when reserved
    private long bytes;              // guarded by this: payloads held and reserved
    private boolean full;            // guarded by this: a publish was refused since the last that fitted

    private static final class Reservations {
        int count;
        boolean newTopic;
    }

    RetainedMessages(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /**
     * Takes room for a retained publish of {@code topic}: answers false when a new topic would pass the
     * count, or its payload the bytes (the publish then goes out as not retained, and the topic keeps
     * what it had). Every true is followed by {@link #committed} or {@link #cancelled}.
     */
    synchronized boolean reserve(String topic, int payloadBytes) {
        if (payloadBytes == 0) {
            return true;
        }
        boolean newTopic = !messages.containsKey(topic) && !reserved.containsKey(topic);
        if ((newTopic && messages.size() + reservedNewTopics >= maxMessages) || bytes + payloadBytes > maxBytes) {
            if (!full) {
                full = true;
                LOG.warning(() -> "MSV1017 The retained messages are at their limit (" + messages.size() + " of "
                        + maxMessages + " messages, " + bytes + " of " + maxBytes + " bytes): a retained PUBLISH to "
                        + topic + " is delivered but not retained, as are the next until one fits again");
            }
            return false;
        }
        full = false;
        Reservations r = reserved.computeIfAbsent(topic, t -> new Reservations());
        r.count++;
        if (newTopic) {
            r.newTopic = true;
            reservedNewTopics++;
        }
        bytes += payloadBytes;
        return true;
    }

    /** A reserved publish committed: it is the topic's retained message now (an empty payload clears it). */
    synchronized void committed(PubSubMessage message) {
        release(message.topic(), message.payload().length);
        put(message);
    }

    /** A reserved publish failed: its room is given back. */
    synchronized void cancelled(String topic, int payloadBytes) {
        release(topic, payloadBytes);
    }

    /** What another node committed, or a previous run left: taken as it is, past the bounds if need be. */
    synchronized void put(PubSubMessage message) {
        PubSubMessage old = message.payload().length == 0 ? messages.remove(message.topic())
                : messages.put(message.topic(), message);
        bytes += message.payload().length - (old == null ? 0 : old.payload().length);
        Reservations r = reserved.get(message.topic());
        if (r != null && r.newTopic && messages.containsKey(message.topic())) {
            r.newTopic = false;
            reservedNewTopics--;
        }
    }

    private void release(String topic, int payloadBytes) {
        if (payloadBytes == 0) {
            return;
        }
        bytes -= payloadBytes;
        Reservations r = reserved.get(topic);
        if (r != null && --r.count == 0) {
            reserved.remove(topic);
            if (r.newTopic) {
                reservedNewTopics--;
            }
        }
    }

    synchronized List<PubSubMessage> matching(String filter) {
        List<PubSubMessage> out = new ArrayList<>();
        for (PubSubMessage message : messages.values()) {
            if (TopicFilter.matches(filter, message.topic())) {
                out.add(message);
            }
        }
        return out;
    }

    synchronized int size() {
        return messages.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
