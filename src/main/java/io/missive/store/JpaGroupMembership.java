package io.missive.store;

import io.missive.core.store.GroupMembership;
import io.missive.repository.NoSuchEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * {@link GroupMembership} through the same {@link JpaGroupDirectory} the REST API uses, so that
 * cursors and the members cache stay right whoever changes a group.
 */
@ApplicationScoped
public class JpaGroupMembership implements GroupMembership {

    @Inject
    private JpaGroupDirectory groups;

    @Override
    @Transactional(rollbackOn = Exception.class)
    public long create(String name, long[] memberUids) {
        long id = groups.create(name).id();
        for (long uid : memberUids) {
            add(id, uid);
        }
        return id;
    }

    @Override
    public boolean add(long groupId, long uid) {
        try {
            return groups.addMember(groupId, uid);
        } catch (NoSuchEntityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public boolean remove(long groupId, long uid) {
        try {
            return groups.removeMember(groupId, uid);
        } catch (NoSuchEntityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public List<GroupSummary> groupsOf(long uid) {
        return groups.groupsOf(uid).stream().map(g -> new GroupSummary(g.id(), g.name())).toList();
    }
}
