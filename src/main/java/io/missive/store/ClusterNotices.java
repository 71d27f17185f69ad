package io.missive.store;

import io.missive.config.ClusterSettings;
import io.missive.core.model.Message;
import io.missive.core.pubsub.PubSubMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Announces a commit to the other nodes of a cluster: a notification on the commit feed, sent
 * inside the transaction it announces, so that PostgreSQL delivers it only if that transaction
 * commits, and in commit order among all nodes' commits. Nothing at all without a cluster.
 */
@ApplicationScoped
public class ClusterNotices {

    private static final String NOTIFY = "SELECT count(*) FROM pg_notify(?, ?)";

    @Inject
    private ClusterSettings cluster;

    @PersistenceContext(unitName = "missive")
    private EntityManager em;

    public ClusterNotices() {
    }

    /** Outside a container (tests of the writer's SQL): notices on the writer's connection only. */
    ClusterNotices(ClusterSettings cluster) {
        this.cluster = cluster;
    }

    /** Whether commits are announced: a writer's batch then has a notice to commit with it. */
    boolean announces() {
        return cluster.enabled();
    }

    /** Announces {@code stored} on the writer's connection, before its commit. */
    void messagesStored(Connection connection, List<Message> stored) throws SQLException {
        if (!cluster.enabled() || stored.isEmpty()) {
            return;
        }
        notify(connection, CommitNoticeCodec.messages(cluster.nodeId(), stored));
    }

    /** Announces MQTT messages stored (with their ids) and persistent sessions changed, before the commit. */
    void mqttStored(Connection connection, List<PubSubMessage> stored, Set<String> sessionsChanged) throws SQLException {
        if (!cluster.enabled() || (stored.isEmpty() && sessionsChanged.isEmpty())) {
            return;
        }
        List<String> payloads = new ArrayList<>(CommitNoticeCodec.mqttMessages(cluster.nodeId(), stored));
        for (String clientId : sessionsChanged) {
            CommitNoticeCodec.mqttSession(cluster.nodeId(), clientId).ifPresent(payloads::add);
        }
        notify(connection, payloads);
    }

    private static void notify(Connection connection, List<String> payloads) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement(NOTIFY)) {
            for (String payload : payloads) {
                notify.setString(1, CommitNoticeCodec.CHANNEL);
                notify.setString(2, payload);
                notify.executeQuery().close();
            }
        }
    }

    /** Fired inside the transaction that changes a group: the others evict their member set in order with the messages. */
    void groupChanged(@Observes GroupChanged change) {
        announce(CommitNoticeCodec.groupChange(cluster.nodeId(), change.groupId(), change.deleted()));
    }

    void channelChanged(@Observes ChannelChanged change) {
        announce(CommitNoticeCodec.channelChange(cluster.nodeId(), change.channelId()));
    }

    private void announce(String payload) {
        if (cluster.enabled()) {
            em.createNativeQuery("SELECT count(*) FROM pg_notify(?1, ?2)")
                    .setParameter(1, CommitNoticeCodec.CHANNEL)
                    .setParameter(2, payload)
                    .getSingleResult();
        }
    }
}
