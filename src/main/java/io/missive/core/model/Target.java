package io.missive.core.model;

import java.util.Arrays;

/** Whom a message is for: one user, a whole group, or some members of a group. */
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

    /** The group id, or 0 for a private message. */
    default long groupId() {
        if (this instanceof Group g) {
            return g.groupId();
        }
        return this instanceof GroupPart p ? p.groupId() : 0L;
    }
}
