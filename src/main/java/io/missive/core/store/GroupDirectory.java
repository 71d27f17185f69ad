package io.missive.core.store;

import io.missive.core.model.MemberSet;

import java.util.Optional;

/** Group membership, as the core needs it to check a sender and to fan a message out. */
public interface GroupDirectory {

    /** The current members, or empty when there is no such group. */
    Optional<MemberSet> members(long groupId);

    /**
     * The members if they are at hand without a read (cached); empty when {@link #members} would
     * have to read them, or when there is no such group. Never blocks.
     */
    Optional<MemberSet> membersAtHand(long groupId);
}
