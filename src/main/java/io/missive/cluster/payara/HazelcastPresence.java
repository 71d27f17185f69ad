package io.missive.cluster.payara;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.multimap.MultiMap;
import com.hazelcast.topic.ITopic;
import io.missive.cluster.NodeBoard;
import io.missive.cluster.NodeStatus;
import io.missive.core.session.ClusterPresence;
import io.missive.core.session.DuplicateLoginPolicy;
import jakarta.enterprise.inject.Vetoed;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The duplicate-login policy across nodes on Payara's data grid: which nodes have a user's session
 * of a protocol ({@value #ONLINE}, a multimap of {@code uid/protocol} to node ids), and a topic on
 * which a node announces a login that replaces the others' ({@value #CONTROL}). Strings only.
 *
 * <p>Every grid operation runs on this class's own plain thread (see {@link GridThread}); a login
 * waits at most {@value #WAIT_MILLIS} ms for the answer, and when the
 * grid cannot answer each node keeps its own rule. Entries of a node that died stay in the map but
 * count only while that node is on the board.
 */
@Vetoed
public final class HazelcastPresence implements ClusterPresence, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HazelcastPresence.class.getName());
    static final String ONLINE = "missive.presence";
    static final String CONTROL = "missive.control";
    private static final long WAIT_MILLIS = 2_000;

    private final HazelcastInstance grid;
    private final String nodeId;
    private final NodeBoard board;
    private final ExecutorService gridThread = GridThread.named("missive-presence");
    private volatile MultiMap<String, String> online;
    private volatile ITopic<String> control;
    private volatile UUID listener;

    private HazelcastPresence(HazelcastInstance grid, String nodeId, NodeBoard board) {
        this.grid = grid;
        this.nodeId = nodeId;
        this.board = board;
    }

    /** A presence on {@code instance}, the object JNDI answered for {@code payara/Hazelcast}. */
    public static HazelcastPresence open(Object instance, String nodeId, NodeBoard board) {
        return new HazelcastPresence((HazelcastInstance) instance, nodeId, board);
    }

    @Override
    public void bind(Replaced here) {
        gridThread.execute(() -> {
            online = grid.getMultiMap(ONLINE);
            control = grid.getTopic(CONTROL);
            // called on the grid's event thread: the core only hands the closes to the sessions' mailboxes
            listener = control.addMessageListener(message -> replaced(message.getMessageObject(), here));
        });
    }

    private void replaced(String announcement, Replaced here) {
        String[] parts = announcement.split(" ");
        if (parts.length == 5 && parts[0].equals("replace") && !parts[1].equals(nodeId)) {
            try {
                here.replaced(Long.parseLong(parts[2]), parts[3], Long.parseLong(parts[4]));
            } catch (RuntimeException e) {
                LOG.warning(() -> "MSV6008 Could not close the sessions another node's login replaces: " + announcement
                        + ": " + e);
            }
        }
    }

    @Override
    public boolean onlineElsewhere(long uid, String protocol) {
        Future<Collection<String>> nodes = gridThread.submit(() -> online == null ? Set.of() : online.get(key(uid, protocol)));
        try {
            Collection<String> where = nodes.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            Set<String> live = board.nodes().stream().map(NodeStatus::nodeId).collect(Collectors.toSet());
            return where.stream().anyMatch(node -> !node.equals(nodeId) && live.contains(node));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            nodes.cancel(true);
            LOG.fine(() -> "The data grid could not say where uid " + uid + " is online; this node's rule alone: " + e);
            return false;
        }
    }

    @Override
    public void opened(long uid, String protocol, DuplicateLoginPolicy policy, long openedAtMillis) {
        gridThread.execute(() -> {
            if (online != null) {
                online.put(key(uid, protocol), nodeId);
                if (policy == DuplicateLoginPolicy.REPLACE) {
                    control.publish("replace " + nodeId + " " + uid + " " + protocol + " " + openedAtMillis);
                }
            }
        });
    }

    @Override
    public void closedHere(long uid, String protocol) {
        gridThread.execute(() -> {
            if (online != null) {
                online.remove(key(uid, protocol), nodeId);
            }
        });
    }

    private static String key(long uid, String protocol) {
        return uid + "/" + protocol;
    }

    /** Removes the listener (the grid outlives the application) and ends the thread. */
    @Override
    public void close() {
        gridThread.execute(() -> {
            if (listener != null) {
                control.removeMessageListener(listener);
            }
        });
        gridThread.shutdown();
        try {
            gridThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
