package io.missive.fishchat;

import io.missive.core.model.Message;
import io.missive.core.model.Target;
import io.missive.core.store.NamedMembers;
import io.missive.protocol.LruMap;

import java.util.Map;
import java.util.Optional;

/**
 * The names one FishChat connection deals in: the accounts (uids) and topics (group ids) its client
 * wrote to, resolved once each, since each lookup costs a query; and the sender's and topic's names
 * its pushes carry, which the directory caches. Confined to the connection's mailbox.
 */
final class ConnectionNames {

    /** A topic is a group registered by name; names are as long as the table holds. */
    static final int MAX_TOPIC_LENGTH = 64;
    private static final int MAX_CACHED_NAMES = 256;

    private final NamedMembers names;
    private final Map<String, Long> recipients = new LruMap<>(MAX_CACHED_NAMES);
    private final Map<String, Long> topics = new LruMap<>(MAX_CACHED_NAMES);

    ConnectionNames(NamedMembers names) {
        this.names = names;
    }

    /** Whether the account {@code id} was resolved already, so that {@link #recipient} reads nothing. */
    boolean knowsRecipient(String id) {
        return recipients.containsKey(id);
    }

    /** The uid of the account {@code id}; null when there is none. May read the directory. */
    Long recipient(String id) {
        Long uid = recipients.get(id);
        if (uid == null) {
            Optional<NamedMembers.Account> account = id.matches(NamedMembers.USERNAME_PATTERN)
                    ? names.account(id, false) : Optional.empty();
            if (account.isEmpty()) {
                return null;
            }
            uid = account.get().uid();
            recipients.put(id, uid);
        }
        return uid;
    }

    /** Whether the topic {@code name} was resolved already, so that {@link #topic} reads nothing. */
    boolean knowsTopic(String name) {
        return topics.containsKey(name);
    }

    /** The group id of the topic {@code name}; null when nobody created it. May read the directory. */
    Long topic(String name) {
        Long known = topics.get(name);
        if (known == null && isTopicName(name)) {
            known = names.group(name, false).orElse(null);
            if (known != null) {
                topics.put(name, known);
            }
        }
        return known;
    }

    /** Makes the topic {@code name} unless it exists, with {@code uid} in it; answers its group id. Reads. */
    long createTopic(String name, long uid) {
        long groupId = names.group(name, true).orElseThrow();
        join(groupId, uid);
        topics.put(name, groupId);
        return groupId;
    }

    /** Makes {@code uid} a member of the topic's group, unless it is one. Reads. */
    void join(long groupId, long uid) {
        names.join(groupId, uid);
    }

    static boolean isTopicName(String name) {
        return !name.isEmpty() && name.length() <= MAX_TOPIC_LENGTH && name.chars().noneMatch(Character::isISOControl);
    }

    /** The names a push carries: its sender's, and for a topic's message the topic's (else null). */
    record PushNames(String sender, String topic) {
    }

    /**
     * The names {@code message}'s push carries, from the directory's caches alone; null when one of them
     * would need a read. Never blocks.
     */
    PushNames pushNamesAtHand(Message message) {
        Optional<String> sender = names.usernameAtHand(message.senderUid());
        if (sender.isEmpty()) {
            return null;
        }
        if (!hasTopic(message)) {
            return new PushNames(sender.get(), null);
        }
        return names.groupNameAtHand(message.groupId()).map(topic -> new PushNames(sender.get(), topic)).orElse(null);
    }

    /**
     * The names {@code message}'s push carries, read where they are not cached: a sender without an account
     * is named by its uid, a group without a name by its id. May read the directory.
     */
    PushNames pushNames(Message message) {
        long uid = message.senderUid();
        String sender = names.username(uid).orElse(Long.toString(uid));
        if (!hasTopic(message)) {
            return new PushNames(sender, null);
        }
        long groupId = message.groupId();
        return new PushNames(sender, names.groupName(groupId).orElse(Long.toString(groupId)));
    }

    /** A group's message is a topic's; a private message and a channel's have none. */
    private static boolean hasTopic(Message message) {
        return !(message.target() instanceof Target.User) && message.groupId() != 0;
    }
}
