package io.missive.core.store;

import java.util.List;

/**
 * Groups as their users manage them over a protocol (seed 003's "feeds"), beside the business
 * back ends' REST API. Every method may block: call it on a mailbox. A missing user or group is
 * an IllegalArgumentException saying which.
 */
public interface GroupMembership {

    /** A group as its members see it in their list. */
    record GroupSummary(long id, String name) {
    }

    /** Creates a group with these members; answers its id. */
    long create(String name, long[] memberUids);

    /** Answers false when the user was a member already. */
    boolean add(long groupId, long uid);

    /** Answers false when the user was not a member. */
    boolean remove(long groupId, long uid);

    /** The groups the user is a member of, by id. */
    List<GroupSummary> groupsOf(long uid);
}
