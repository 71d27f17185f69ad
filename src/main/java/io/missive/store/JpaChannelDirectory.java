package io.missive.store;

import io.missive.core.model.MemberSet;
import io.missive.core.store.ChannelDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.Optional;

/**
 * Channel subscriptions in PostgreSQL, the subscriber sets cached for the delivery path. A
 * subscription starts the subscriber's cursor at the channel's newest message, so it receives
 * what is published from then on, online or not.
 */
@ApplicationScoped
public class JpaChannelDirectory implements ChannelDirectory {

    @PersistenceContext(unitName = "missive")
    private EntityManager em;

    @Inject
    private NonTransactionalReads reads;

    @Inject
    private Event<ChannelChanged> changes;

    private final MemberSetCache cache = new MemberSetCache();

    @Override
    public MemberSet subscribers(long channelId) {
        return cache.get(channelId, id -> Optional.of(reads.apply(r -> MemberSet.of(r.createNativeQuery(
                                "SELECT uid FROM channel_subscriptions WHERE channel_id = ?1", Long.class)
                        .setParameter(1, id)
                        .getResultList().stream().map(Long.class::cast).toList()))))
                .orElseThrow();
    }

    @Override
    public Optional<MemberSet> subscribersAtHand(long channelId) {
        return cache.peek(channelId);
    }

    @Override
    @Transactional
    public boolean subscribe(long channelId, long uid) {
        int added = em.createNativeQuery("""
                        INSERT INTO channel_subscriptions (channel_id, uid) VALUES (?1, ?2)
                        ON CONFLICT (channel_id, uid) DO NOTHING""")
                .setParameter(1, channelId)
                .setParameter(2, uid)
                .executeUpdate();
        if (added == 0) {
            return false;
        }
        em.createNativeQuery("""
                        INSERT INTO conversations (kind, channel_id) VALUES (3, ?1)
                        ON CONFLICT (channel_id) WHERE kind = 3 DO NOTHING""")
                .setParameter(1, channelId)
                .executeUpdate();
        em.createNativeQuery("""
                        INSERT INTO cursors (uid, conversation_id, delivered_seq)
                        SELECT ?1, id, last_seq FROM conversations WHERE kind = 3 AND channel_id = ?2
                        ON CONFLICT (uid, conversation_id) DO NOTHING""")
                .setParameter(1, uid)
                .setParameter(2, channelId)
                .executeUpdate();
        changes.fire(new ChannelChanged(channelId));
        return true;
    }

    @Override
    @Transactional
    public boolean unsubscribe(long channelId, long uid) {
        int removed = em.createNativeQuery("DELETE FROM channel_subscriptions WHERE channel_id = ?1 AND uid = ?2")
                .setParameter(1, channelId)
                .setParameter(2, uid)
                .executeUpdate();
        if (removed == 0) {
            return false;
        }
        em.createNativeQuery("""
                        DELETE FROM cursors WHERE uid = ?1
                        AND conversation_id = (SELECT id FROM conversations WHERE kind = 3 AND channel_id = ?2)""")
                .setParameter(1, uid)
                .setParameter(2, channelId)
                .executeUpdate();
        changes.fire(new ChannelChanged(channelId));
        return true;
    }

    void evict(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelChanged change) {
        cache.evict(change.channelId());
    }
}
