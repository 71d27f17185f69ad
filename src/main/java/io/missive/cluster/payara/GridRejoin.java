package io.missive.cluster.payara;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.instance.impl.Node;

import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Looks for the rest of the data grid when this node's side of a split stays smaller than the grid
 * it knew, in case Hazelcast's split-brain handler does not. After a freeze (a long GC pause, a
 * suspended VM) the smaller side's master is the one to find the bigger side and merge into it; in
 * about one ClusterIT run in twelve, Payara's Hazelcast (5.3.8) never did, and the node stayed alone
 * with its own board (hazelcast/hazelcast#17489, #26388). Past {@code missive.cluster.rejoin-after}
 * the master of the smaller side runs the grid's own search, every period while it stays smaller:
 * Hazelcast's rules still decide whether and where it merges (the smaller into the bigger).
 *
 * <p>The search is Hazelcast's internal API (the node's joiner), the only part of Missive that uses
 * it; if a later Hazelcast moves it, the node says so once (MSV6014) and leaves merging to the grid.
 * The check runs on the node board's thread, the search on a thread of its own: a search waits for
 * connections to members that may be gone, and a merge for the join, longer than the board's entry
 * may go without a refresh.
 */
final class GridRejoin {

    private static final Logger LOG = Logger.getLogger(GridRejoin.class.getName());

    private final long patienceMillis;
    private final LongSupplier clock;
    /** Hazelcast's own search for other clusters, as its split-brain handler runs it. */
    private final Runnable search;
    private final Executor searching;
    private final AtomicBoolean searchUnderWay = new AtomicBoolean();
    private int mostMembers;
    /** When the grid became smaller than {@link #mostMembers}; -1 while it is not. */
    private long smallerSince = -1;
    private boolean warned;
    /** Set by the search's thread. */
    private volatile boolean unavailable;

    /** @param searching where the search runs, one at a time */
    GridRejoin(Duration patience, LongSupplier clock, Runnable search, Executor searching) {
        this.patienceMillis = patience.toMillis();
        this.clock = clock;
        this.search = search;
        this.searching = searching;
    }

    /** A watch on {@code grid}: the search is its node's joiner's, run on {@code searching}. */
    static GridRejoin on(HazelcastInstance grid, Duration patience, Executor searching) {
        return new GridRejoin(patience, System::currentTimeMillis, () -> node(grid).getJoiner().searchForOtherClusters(),
                searching);
    }

    private static Node node(HazelcastInstance grid) {
        HazelcastInstanceImpl instance = grid instanceof HazelcastInstanceProxy proxy ? proxy.getOriginal()
                : (HazelcastInstanceImpl) grid;
        return instance.node;
    }

    /** After each refresh of the board, with the grid's members as it sees them now (the master first). */
    void check(Set<Member> members) {
        Iterator<Member> first = members.iterator();
        check(members.size(), first.hasNext() && first.next().localMember());
    }

    /**
     * @param members how many members the grid has now
     * @param master  whether this node is the master of its side (only a master searches, as Hazelcast's)
     */
    void check(int members, boolean master) {
        if (members >= mostMembers) {
            mostMembers = members;
            smallerSince = -1;
            warned = false;
            return;
        }
        long now = clock.getAsLong();
        if (smallerSince < 0) {
            smallerSince = now;
            return;
        }
        if (now - smallerSince < patienceMillis || !master || unavailable || !searchUnderWay.compareAndSet(false, true)) {
            return;
        }
        if (!warned) {
            long seconds = (now - smallerSince) / 1000;
            LOG.warning(() -> "MSV6013 The data grid has had " + members + " of the " + mostMembers + " members this"
                    + " node knew for " + seconds + " s: this node looks for the others itself, every "
                    + patienceMillis / 1000 + " s while the grid stays smaller (missive.cluster.rejoin-after)");
            warned = true;
        }
        smallerSince = now;
        searching.execute(this::search);
    }

    private void search() {
        try {
            search.run();
        } catch (LinkageError | ClassCastException e) {
            unavailable = true;
            LOG.warning(() -> "MSV6014 This server's data grid offers no search for the other side of a split ("
                    + e + "): the grid's own split-brain handler alone merges it");
        } catch (RuntimeException e) {
            LOG.fine(() -> "The search for the rest of the grid failed; it runs again later: " + e);
        } finally {
            searchUnderWay.set(false);
        }
    }
}
