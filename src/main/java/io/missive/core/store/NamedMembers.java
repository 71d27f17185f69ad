package io.missive.core.store;

import java.util.Optional;

/**
 * Users and groups by name, for a protocol whose clients address them so (msgd: a group name and
 * a user name; FishChat: a client id and a topic). A user is an account by its username; a group
 * is the one group registered under that name. May block: call it on a mailbox.
 */
public interface NamedMembers {

    /** What a username may be: 1 to 64 letters, digits and {@code . _ @ -}. */
    String USERNAME_PATTERN = "[\\p{L}\\p{N}._@-]{1,64}";

    /** An account, as a login by name needs it. */
    record Account(long uid, boolean disabled) {
    }

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

    /** The account {@code userName}; made (without a password) when missing with {@code create}. */
    Optional<Account> account(String userName, boolean create);

    /** Makes {@code uid} a member of the group, unless it is one. */
    void join(long groupId, long uid);

    /** The username of {@code uid}; empty when there is no such account. Cached: names do not change. */
    Optional<String> username(long uid);

    /** The name a group is known by: its registered name, else its label; empty when there is no such group. */
    Optional<String> groupName(long groupId);

    /** {@link #username} if it is cached; empty when only a read would tell. Never blocks. */
    Optional<String> usernameAtHand(long uid);

    /** {@link #groupName} if it is cached (a registered name); empty when only a read would tell. Never blocks. */
    Optional<String> groupNameAtHand(long groupId);
}
