package io.missive.cluster.payara;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.missive.cluster.LocalNode;
import io.missive.cluster.NodeBoard;
import io.missive.cluster.NodeStatus;
import jakarta.enterprise.inject.Vetoed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The node board on Payara's data grid: each node puts its status into one map, {@value #MAP},
 * with a time to live, and reads everyone's. Only the grid's own types are stored (strings):
 * Payara's serializer cannot load application classes. A node whose grid member has left is
 * dropped at once, before its entry times out; the member id rides in the entry because it
 * changes after a split-brain merge while Missive's node id does not.
 *
 * <p>Loaded only on Payara, once its instance was found by JNDI: nothing else refers to this class
 * or to Hazelcast's, so the same WAR deploys where there is no Hazelcast.
 */
@Vetoed
public final class HazelcastNodeBoard implements NodeBoard, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HazelcastNodeBoard.class.getName());
    static final String MAP = "missive.nodes";
    /** An entry outlives a few missed refreshes, not a dead node. */
    private static final long TTL_SECONDS = 10;

    private final HazelcastInstance grid;
    /** Made on the refresh thread (see {@link GridThread}). */
    private volatile IMap<String, String> board;
    private final LocalNode self;
    private final GridRejoin rejoin;
    private volatile List<NodeStatus> snapshot = List.of();
    /** See {@link GridThread}: scheduled, as a board is refreshed every few seconds. */
    private final ScheduledExecutorService refreshing = GridThread.named("missive-node-board");
    /** Where {@link GridRejoin} searches for the rest of a split grid. */
    private final ScheduledExecutorService searching = GridThread.named("missive-grid-rejoin");
    private boolean warned;

    private HazelcastNodeBoard(HazelcastInstance grid, LocalNode self, Duration rejoinAfter) {
        this.grid = grid;
        this.self = self;
        this.rejoin = GridRejoin.on(grid, rejoinAfter, searching);
    }

    /**
     * A board on {@code instance}, the object JNDI answered for {@code payara/Hazelcast}.
     *
     * @param rejoinAfter how long the grid may stay smaller than it was before this node looks for the rest
     */
    public static HazelcastNodeBoard open(Object instance, LocalNode self, Duration rejoinAfter) {
        return new HazelcastNodeBoard((HazelcastInstance) instance, self, rejoinAfter);
    }

    @Override
    public List<NodeStatus> nodes() {
        List<NodeStatus> known = snapshot;
        return known.isEmpty() ? List.of(self.status()) : known;
    }

    /** Refreshes the board every {@code seconds} on its own grid thread, then runs {@code afterEachRefresh}. */
    public void start(long seconds, Runnable afterEachRefresh) {
        refreshing.scheduleWithFixedDelay(() -> {
            refresh();
            afterEachRefresh.run();
        }, 0, seconds, TimeUnit.SECONDS);
    }

    /** Publishes this node and reads every node's entry. */
    void refresh() {
        NodeStatus own = self.status();
        try {
            if (board == null) {
                board = grid.getMap(MAP);
            }
            board.putAsync(own.nodeId(), localMember() + " " + own.encode(), TTL_SECONDS, TimeUnit.SECONDS);
            Set<Member> gridMembers = grid.getCluster().getMembers();
            rejoin.check(gridMembers);   // the members are the grid's own view: no read of the board's map
            Set<String> members = new HashSet<>();
            for (Member m : gridMembers) {
                members.add(m.getUuid().toString());
            }
            List<NodeStatus> seen = new ArrayList<>();
            seen.add(own);
            for (Map.Entry<String, String> entry : board.entrySet()) {
                String text = entry.getValue();
                int space = text.indexOf(' ');
                if (!entry.getKey().equals(own.nodeId()) && space > 0 && members.contains(text.substring(0, space))) {
                    seen.add(NodeStatus.decode(text.substring(space + 1)));
                }
            }
            seen.sort(Comparator.comparing(NodeStatus::nodeId));
            snapshot = List.copyOf(seen);
            warned = false;
        } catch (RuntimeException e) {
            if (!warned) {
                LOG.warning(() -> "MSV6007 The node board could not be read from the data grid; it shows what it"
                        + " knew last: " + e);
                warned = true;
            }
        }
    }

    private String localMember() {
        return grid.getCluster().getLocalMember().getUuid().toString();
    }

    /** Leaves the board: the other nodes stop sending clients here at once (before this entry's time to live). */
    @Override
    public void close() {
        refreshing.shutdownNow();
        searching.shutdownNow();
        try {
            if (board != null) {
                board.removeAsync(self.nodeId());
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "Could not leave the node board: " + e);
        }
    }
}
