package io.missive.core.model;

import java.util.Arrays;

/**
 * Whom a message is for: one user, a whole group, some members of a group, every subscriber of
 * a channel, or some of them. Groups have members (managed by business back ends); channels
 * have subscribers (devices that sent SUB); both fan out the same way.
 */
public sealed interface Target {

    /** A private message to one user. */
    record User(long uid) implements Target {
    }

    /** A message to every member of a group. */
    record Group(long groupId) implements Target {
    }

    /** A message to the listed members of a group only; uids are sorted and distinct. */
    record GroupPart(long groupId, Uids members) implements Target {
        public GroupPart {
            members = Uids.sortedSet(members.values());
        }

        public GroupPart(long groupId, long[] uids) {
            this(groupId, new Uids(uids));
        }

        public long[] uids() {
            return members.values();
        }

        public boolean includes(long uid) {
            return Arrays.binarySearch(members.values(), uid) >= 0;
        }
    }

    /** A message to every subscriber of a push channel. */
    record Channel(long channelId) implements Target {
    }

    /** A message to the listed subscribers of a channel only; uids are sorted and distinct. */
    record ChannelPart(long channelId, Uids subscribers) implements Target {
        public ChannelPart {
            subscribers = Uids.sortedSet(subscribers.values());
        }

        public ChannelPart(long channelId, long[] uids) {
            this(channelId, new Uids(uids));
        }

        public long[] uids() {
            return subscribers.values();
        }
    }

    /** The channel id, or 0 when the message is not on a channel. */
    default long channelId() {
        if (this instanceof Channel c) {
            return c.channelId();
        }
        return this instanceof ChannelPart p ? p.channelId() : 0L;
    }

    /** The listed recipients of a part-of-group or part-of-channel message; null for every other target. */
    default long[] listedUids() {
        if (this instanceof GroupPart p) {
            return p.uids();
        }
        return this instanceof ChannelPart p ? p.uids() : null;
    }

    /** The group id, or 0 when the message is not to a group. */
    default long groupId() {
        if (this instanceof Group g) {
            return g.groupId();
        }
        return this instanceof GroupPart p ? p.groupId() : 0L;
    }
}
