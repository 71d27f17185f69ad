package io.missive.cluster;

import io.missive.config.ClusterSettings;
import io.missive.core.routing.ClusterRelay;
import io.missive.core.routing.OrderedRelay;
import io.missive.core.routing.SingleNodeRelay;
import io.missive.store.CommitFeed;
import io.missive.store.JdbcCommittedReader;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.logging.Logger;

/**
 * Which order commits reach sessions in: at once on one node, or through the commit feed in the
 * order PostgreSQL committed them, when this node is one of a cluster.
 */
@ApplicationScoped
public class CommitOrder {

    private static final Logger LOG = Logger.getLogger(CommitOrder.class.getName());

    @Inject
    private ClusterSettings cluster;

    @Inject
    private JdbcCommittedReader reader;

    @Inject
    private CommitFeed feed;

    private ClusterRelay relay;

    @Produces
    @Singleton
    synchronized ClusterRelay relay() {
        if (relay == null) {
            relay = cluster.enabled() ? new OrderedRelay(cluster.nodeId(), reader) : new SingleNodeRelay();
        }
        return relay;
    }

    /** Listens to the feed once the core is built, before the listeners take connections. */
    void start(@Observes @Priority(5) @Initialized(ApplicationScoped.class) Object ignored) {
        if (cluster.enabled()) {
            LOG.info(() -> "MSV6000 This node is " + cluster.nodeId() + " of a cluster; commits reach sessions through"
                    + " the commit feed");
        }
        if (relay() instanceof OrderedRelay ordered) {
            feed.start(ordered);
        }
    }
}
