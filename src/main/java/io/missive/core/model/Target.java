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
    record GroupPart(long groupId, long[] uids) implements Target {
        public GroupPart {
            uids = Arrays.stream(uids).sorted().distinct().toArray();
        }

        public boolean includes(long uid) {
            return Arrays.binarySearch(uids, uid) >= 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GroupPart other && groupId == other.groupId && Arrays.equals(uids, other.uids);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(groupId) * 31 + Arrays.hashCode(uids);
        }

        @Override
        public String toString() {
            return "GroupPart[" + groupId + ", " + Arrays.toString(uids) + "]";
        }
    }

    /** A message to every subscriber of a push channel. */
    record Channel(long channelId) implements Target {
    }

    /** A message to the listed subscribers of a channel only; uids are sorted and distinct. */
    record ChannelPart(long channelId, long[] uids) implements Target {
        public ChannelPart {
            uids = Arrays.stream(uids).sorted().distinct().toArray();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ChannelPart other && channelId == other.channelId && Arrays.equals(uids, other.uids);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(channelId) * 31 + Arrays.hashCode(uids);
        }

        @Override
        public String toString() {
            return "ChannelPart[" + channelId + ", " + Arrays.toString(uids) + "]";
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
