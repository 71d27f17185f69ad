package io.missive.core.store;

import java.util.Optional;

/**
 * Users and groups by name, for a protocol whose clients address them so (msgd: a group name and
 * a user name). A user is an account by its username; a group is the one group registered under
 * that name. May block: call it on a mailbox.
 */
public interface NamedMembers {

    /**
     * A user in a group.
     *
     * @param disabled whether the account is disabled (it may not join)
     */
    record Member(long uid, long groupId, boolean disabled) {
    }

    /**
     * The user {@code userName} as a member of the group {@code groupName}. With {@code create},
     * a missing account (without a password), group or membership is made; without it, empty when
     * any of them is missing.
     */
    Optional<Member> member(String groupName, String userName, boolean create);

    /** The group registered under {@code name}; made when missing with {@code create}. */
    Optional<Long> group(String name, boolean create);
}
