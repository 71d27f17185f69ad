package io.missive.store;

import io.missive.core.model.MemberSet;
import io.missive.repository.Group;
import io.missive.repository.GroupMember;
import io.missive.repository.GroupRepository;
import io.missive.repository.NoSuchEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * Groups and their members in PostgreSQL, with the member sets cached for the delivery path.
 * A change evicts the group from the cache once its transaction has committed.
 */
@ApplicationScoped
public class JpaGroupDirectory implements GroupRepository {

    @PersistenceContext(unitName = "missive")
    private EntityManager em;

    @Inject
    private NonTransactionalReads reads;

    @Inject
    private Event<GroupChanged> changes;

    private final MemberSetCache cache = new MemberSetCache();

    @Override
    public Optional<MemberSet> members(long groupId) {
        return cache.get(groupId, this::load);
    }

    @Override
    public Optional<MemberSet> membersAtHand(long groupId) {
        return cache.peek(groupId);
    }

    private Optional<MemberSet> load(long groupId) {
        return reads.apply(r -> {
            if (r.find(GroupEntity.class, groupId) == null) {
                return Optional.empty();
            }
            return Optional.of(MemberSet.of(r.createQuery(
                            "select m.uid from GroupMemberEntity m where m.groupId = :g", Long.class)
                    .setParameter("g", groupId)
                    .getResultList()));
        });
    }

    @Override
    @Transactional
    public Group create(String name) {
        GroupEntity group = new GroupEntity(name);
        em.persist(group);
        em.flush();
        em.persist(ConversationEntity.ofGroup(group.id()));
        return group(group);
    }

    @Override
    public Optional<Group> find(long groupId) {
        return Optional.ofNullable(reads.apply(r -> r.find(GroupEntity.class, groupId))).map(JpaGroupDirectory::group);
    }

    @Override
    public List<GroupMember> memberList(long groupId) {
        return reads.apply(r -> {
            requireGroup(r, groupId);
            return r.createQuery("select m from GroupMemberEntity m where m.groupId = :g order by m.uid",
                            GroupMemberEntity.class)
                    .setParameter("g", groupId)
                    .getResultStream()
                    .map(m -> new GroupMember(m.uid(), m.joinedAt()))
                    .toList();
        });
    }

    @Override
    public List<Group> groupsOf(long uid) {
        return reads.apply(r -> r.createQuery("""
                        select g from GroupEntity g where g.id in
                        (select m.groupId from GroupMemberEntity m where m.uid = :u) order by g.id""", GroupEntity.class)
                .setParameter("u", uid)
                .getResultStream()
                .map(JpaGroupDirectory::group)
                .toList());
    }

    private static Group group(GroupEntity g) {
        return new Group(g.id(), g.name(), g.createdAt());
    }

    /** Their cursor starts at the group's newest message. */
    @Override
    @Transactional
    public boolean addMember(long groupId, long uid) {
        requireGroup(em, groupId);
        if (em.find(UserEntity.class, uid) == null) {
            throw new NoSuchEntityException("no user " + uid);
        }
        if (em.find(GroupMemberEntity.class, new GroupMemberEntity.Key(groupId, uid)) != null) {
            return false;
        }
        em.persist(new GroupMemberEntity(groupId, uid));
        em.createNativeQuery("""
                        INSERT INTO cursors (uid, conversation_id, delivered_seq)
                        SELECT ?1, id, last_seq FROM conversations WHERE kind = 2 AND group_id = ?2
                        ON CONFLICT (uid, conversation_id) DO NOTHING""")
                .setParameter(1, uid)
                .setParameter(2, groupId)
                .executeUpdate();
        changes.fire(new GroupChanged(groupId, false));
        return true;
    }

    @Override
    @Transactional
    public boolean removeMember(long groupId, long uid) {
        requireGroup(em, groupId);
        GroupMemberEntity member = em.find(GroupMemberEntity.class, new GroupMemberEntity.Key(groupId, uid));
        if (member == null) {
            return false;
        }
        em.remove(member);
        em.createNativeQuery("""
                        DELETE FROM cursors WHERE uid = ?1
                        AND conversation_id = (SELECT id FROM conversations WHERE kind = 2 AND group_id = ?2)""")
                .setParameter(1, uid)
                .setParameter(2, groupId)
                .executeUpdate();
        changes.fire(new GroupChanged(groupId, false));
        return true;
    }

    @Override
    @Transactional
    public void delete(long groupId) {
        requireGroup(em, groupId);
        em.createNativeQuery("DELETE FROM chat_groups WHERE id = ?1").setParameter(1, groupId).executeUpdate();
        changes.fire(new GroupChanged(groupId, true));
    }

    void evict(@Observes(during = TransactionPhase.AFTER_SUCCESS) GroupChanged change) {
        cache.evict(change.groupId());
    }

    private static void requireGroup(EntityManager em, long groupId) {
        if (em.find(GroupEntity.class, groupId) == null) {
            throw new NoSuchEntityException("no group " + groupId);
        }
    }
}
