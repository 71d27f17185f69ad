package io.missive.cluster.payara;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.multimap.MultiMap;
import com.hazelcast.topic.ITopic;
import io.missive.cluster.NodeBoard;
import io.missive.cluster.NodeStatus;
import io.missive.core.session.ClusterPresence;
import io.missive.core.session.DuplicateLoginPolicy;
import jakarta.enterprise.inject.Vetoed;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
    private volatile UUID membership;
    /** This node's users with a session of a protocol ({@code uid/protocol}): the policy and when the last opened. */
    private final Map<String, Session> local = new HashMap<>();

    private record Session(DuplicateLoginPolicy policy, long openedAtMillis) {
    }

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
    public void bind(Elsewhere here) {
        gridThread.execute(() -> {
            online = grid.getMultiMap(ONLINE);
            control = grid.getTopic(CONTROL);
            // called on the grid's event thread: the core only hands the closes to the sessions' mailboxes
            listener = control.addMessageListener(message -> announced(message.getMessageObject(), here));
            membership = grid.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {
                    gridThread.execute(HazelcastPresence.this::announceAll);
                }

                @Override
                public void memberRemoved(MembershipEvent event) {
                    // its sessions stop counting as it leaves the board
                }
            });
        });
    }

    /** {@code replace|refuse <node> <uid> <protocol> <opened at>}: another node's session, under its policy. */
    private void announced(String announcement, Elsewhere here) {
        String[] parts = announcement.split(" ");
        if (parts.length != 5 || parts[1].equals(nodeId)) {
            return;
        }
        try {
            long uid = Long.parseLong(parts[2]);
            long openedAt = Long.parseLong(parts[4]);
            if (parts[0].equals("replace")) {
                here.replaced(uid, parts[3], openedAt);
            } else if (parts[0].equals("refuse")) {
                here.refused(uid, parts[3], openedAt);
                answerIfOlder(parts[2] + "/" + parts[3], openedAt);
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "MSV6008 Could not apply another node's login to this node's sessions: " + announcement
                    + ": " + e);
        }
    }

    /**
     * The other side of a healed split may not have heard that a member joined: when this node's session of
     * the user is the older, it says so, and the other node closes its newer one.
     */
    private void answerIfOlder(String key, long theirsOpenedAt) {
        gridThread.execute(() -> {
            Session ours = local.get(key);
            if (ours != null && ours.policy() == DuplicateLoginPolicy.REFUSE && ours.openedAtMillis() < theirsOpenedAt) {
                control.publish(announcement(ours.policy(), key, ours.openedAtMillis()));
            }
        });
    }

    /**
     * A member joined, or a split grid healed: this node's sessions are put on the map again (a merge may
     * have kept the other side's) and announced under their policy, so that each side closes what the
     * policy says (replace: the older; refuse: the newer). On the grid thread.
     */
    private void announceAll() {
        local.forEach((key, session) -> {
            online.put(key, nodeId);
            if (session.policy() != DuplicateLoginPolicy.MULTIPLE) {
                control.publish(announcement(session.policy(), key, session.openedAtMillis()));
            }
        });
    }

    private String announcement(DuplicateLoginPolicy policy, String key, long openedAtMillis) {
        int slash = key.indexOf('/');
        return (policy == DuplicateLoginPolicy.REPLACE ? "replace " : "refuse ") + nodeId + " " + key.substring(0, slash)
                + " " + key.substring(slash + 1) + " " + openedAtMillis;
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
            String key = key(uid, protocol);
            local.put(key, new Session(policy, openedAtMillis));
            if (online != null) {
                online.put(key, nodeId);
                if (policy == DuplicateLoginPolicy.REPLACE) {
                    control.publish(announcement(policy, key, openedAtMillis));
                }
            }
        });
    }

    @Override
    public void closedHere(long uid, String protocol) {
        gridThread.execute(() -> {
            String key = key(uid, protocol);
            local.remove(key);
            if (online != null) {
                online.remove(key, nodeId);
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
                grid.getCluster().removeMembershipListener(membership);
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
