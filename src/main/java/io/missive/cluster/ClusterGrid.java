package io.missive.cluster;

import io.missive.cluster.payara.HazelcastNodeBoard;
import io.missive.cluster.payara.HazelcastNodeRequests;
import io.missive.cluster.payara.HazelcastPresence;
import io.missive.cluster.payara.HazelcastPubSub;
import io.missive.config.ClusterSettings;
import io.missive.core.pubsub.PubSubCluster;
import io.missive.core.session.ClusterPresence;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Payara's data grid as this application uses it, when clustering is on and the server has one
 * ({@code payara/Hazelcast} in JNDI): the node board, refreshed every {@value #REFRESH_SECONDS} s and
 * left when the application stops, and the presence the duplicate-login policy asks. Without a grid:
 * this node alone on the board, and no presence elsewhere.
 */
@ApplicationScoped
public class ClusterGrid {

    private static final Logger LOG = Logger.getLogger(ClusterGrid.class.getName());
    private static final String GRID_JNDI = "payara/Hazelcast";
    static final long REFRESH_SECONDS = 2;

    @Inject
    private ClusterSettings cluster;

    @Inject
    private LocalNode self;


    private NodeBoard board;
    private HazelcastNodeBoard grid;
    private Object gridInstance;
    private ClusterPresence presence;
    private NodeRequests requests;
    private PubSubCluster pubSub;
    /** What was made on the grid, to close (listeners off, threads ended) when the application stops. */
    private final List<AutoCloseable> gridParts = new ArrayList<>();

    @Produces
    @Singleton
    synchronized NodeBoard board() {
        if (board == null) {
            board = open();
        }
        return board;
    }

    @Produces
    @Singleton
    synchronized ClusterPresence presence() {
        if (presence == null) {
            NodeBoard nodes = board();
            presence = onGrid(instance -> HazelcastPresence.open(instance, cluster.nodeId(), nodes), ClusterPresence.NONE);
        }
        return presence;
    }

    @Produces
    @Singleton
    synchronized NodeRequests requests() {
        if (requests == null) {
            requests = onGrid(instance -> HazelcastNodeRequests.open(instance, cluster.nodeId()), NodeRequests.NONE);
        }
        return requests;
    }

    @Produces
    @Singleton
    synchronized PubSubCluster pubSub() {
        if (pubSub == null) {
            pubSub = onGrid(instance -> HazelcastPubSub.open(instance, cluster.nodeId()), PubSubCluster.NONE);
        }
        return pubSub;
    }

    /** What {@code open} makes on the grid (closed with the application), or {@code none} without a grid. */
    private <T> T onGrid(Function<Object, ? extends T> open, T none) {
        board();
        if (gridInstance == null) {
            return none;
        }
        T part = open.apply(gridInstance);
        gridParts.add((AutoCloseable) part);
        return part;
    }

    private NodeBoard open() {
        if (!cluster.enabled()) {
            return new SingleNodeBoard(self);
        }
        Object instance = lookupGrid();
        gridInstance = instance;
        if (instance == null) {
            LOG.warning("MSV6006 Clustering is on but this server has no data grid (" + GRID_JNDI + "): the node"
                    + " board shows this node only; messages still reach every node through the commit feed");
            return new SingleNodeBoard(self);
        }
        // the only reference to a class that needs Hazelcast, reached only where JNDI has an instance
        grid = HazelcastNodeBoard.open(instance, self, cluster.rejoinAfter());
        grid.start(REFRESH_SECONDS, self::shedIfCutOff);
        return grid;
    }

    private static Object lookupGrid() {
        try {
            return new InitialContext().lookup(GRID_JNDI);
        } catch (NamingException | RuntimeException e) {
            return null;
        }
    }

    void start(@Observes @Priority(20) @Initialized(ApplicationScoped.class) Object ignored) {
        board();
    }

    @PreDestroy
    synchronized void stop() {
        if (grid != null) {
            grid.close();
        }
        for (AutoCloseable part : gridParts) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.fine(() -> "Could not close " + part + ": " + e);
            }
        }
    }
}
