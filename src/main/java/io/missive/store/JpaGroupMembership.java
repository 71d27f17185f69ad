package io.missive.store;

import io.missive.core.store.GroupMembership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * {@link GroupMembership} through the same {@link JpaGroupDirectory} the REST API uses, so that
 * cursors and the members cache stay right whoever changes a group.
 */
@ApplicationScoped
public class JpaGroupMembership implements GroupMembership {

    @PersistenceContext(unitName = "missive")
    private EntityManager em;

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
        return em.createQuery("""
                        select g.id, g.name from GroupEntity g, GroupMemberEntity m
                        where m.groupId = g.id and m.uid = :uid order by g.id""", Object[].class)
                .setParameter("uid", uid)
                .getResultList().stream()
                .map(row -> new GroupSummary((Long) row[0], (String) row[1]))
                .toList();
    }
}
