package io.missive.repository;

import io.missive.core.store.GroupDirectory;

import java.util.List;
import java.util.Optional;

/**
 * Groups and their members as back ends and administrators manage them; the member sets the core
 * reads ({@link GroupDirectory#members}) follow each change once it is committed. A missing group
 * or user is a {@link NoSuchEntityException}.
 */
public interface GroupRepository extends GroupDirectory {

    /** Creates a group without members, with its conversation. */
    Group create(String name);

    Optional<Group> find(long groupId);

    /** The members in uid order. */
    List<GroupMember> memberList(long groupId);

    /** The groups a user is a member of, in id order. */
    List<Group> groupsOf(long uid);

    /** Adds a member; answers false when they were one already. They receive what is sent from now on. */
    boolean addMember(long groupId, long uid);

    /** Removes a member; answers false when they were not one. */
    boolean removeMember(long groupId, long uid);

    /** Deletes a group with its memberships, conversation and messages. */
    void delete(long groupId);
}
