package io.missive.core.routing;

import io.missive.core.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A cluster's relay: every message reaches this node's sessions in the order the database
 * committed it, whichever node wrote it. A node's own commit is not delivered as its writer
 * finishes, but when its notice comes back on the cluster's commit feed, between the notices of
 * the other nodes' commits; otherwise seq 11 of a group written here could reach a session before
 * seq 10, written a moment earlier elsewhere, and the session's acknowledgement would move the
 * cursor over 10. Own messages are kept in memory until their notice; other nodes' are read from
 * the store, only when a recipient may be here.
 *
 * <p>The feed calls {@link #onNotice}, {@link #feedLost}, {@link #listening} and {@link #readStoreAgain}
 * from its one thread, in that order of events.
 */
public final class OrderedRelay implements ClusterRelay {

    private static final Logger LOG = Logger.getLogger(OrderedRelay.class.getName());

    /** Own messages whose notice never came (the feed was down as they committed): dropped after this. */
    private static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String nodeId;
    private final CommittedReader store;
    /** How long a notice waits for its own message to come off the writer (which hands it over at once). */
    private final long ownWaitNanos;
    private volatile LocalDelivery here;

    /** Own commits awaiting their notice; guarded by {@code this}. */
    private final Map<Place, Own> own = new HashMap<>();
    /** Whether a notice can come for a commit now: while the feed is down, own commits are left to the resync. */
    private boolean capturing = true;
    private long nextStaleCheck = System.nanoTime() + STALE_NANOS;

    private record Place(long conversationId, long seq) {
    }

    private record Own(Message message, long originSessionId, long committedAtNanos) {
    }

    public OrderedRelay(String nodeId, CommittedReader store) {
        this(nodeId, store, Duration.ofSeconds(5));
    }

    public OrderedRelay(String nodeId, CommittedReader store, Duration ownWait) {
        this.nodeId = nodeId;
        this.store = store;
        this.ownWaitNanos = ownWait.toNanos();
    }

    public String nodeId() {
        return nodeId;
    }

    @Override
    public void bind(LocalDelivery here) {
        this.here = here;
    }

    @Override
    public synchronized void committed(Message message, long originSessionId) {
        if (capturing) {
            own.put(new Place(message.conversationId(), message.seq()), new Own(message, originSessionId, System.nanoTime()));
            notifyAll();
        }
    }

    /** The next notice of the feed, in commit order. */
    public void onNotice(CommitNotice notice) {
        LocalDelivery sessions = here;
        if (sessions == null) {
            return;
        }
        if (notice.originNode().equals(nodeId)) {
            deliverOwn(notice, sessions);
        } else {
            deliverOthers(notice, sessions);
        }
        dropStale();
    }

    /** The feed's connection is gone: notices of commits from now on are lost until {@link #readStoreAgain}. */
    public synchronized void feedLost() {
        capturing = false;
        own.clear();
    }

    /** The feed is about to listen again: commits from now on will have their notice. */
    public synchronized void listening() {
        capturing = true;
    }

    /**
     * The feed listens again, or could not hand over a notice: whatever was committed meanwhile is read
     * from the store by every session.
     */
    public void readStoreAgain() {
        LocalDelivery sessions = here;
        if (sessions != null) {
            sessions.resyncAll();
        }
    }

    private void deliverOwn(CommitNotice notice, LocalDelivery sessions) {
        for (CommitNotice.Committed committed : notice.messages()) {
            Own message = take(new Place(committed.conversationId(), committed.seq()));
            if (message == null) {
                LOG.warning(() -> "MSV6001 This node's message " + committed.conversationId() + "/" + committed.seq()
                        + " was committed but not handed to the relay; every session here reads the store again");
                sessions.resyncAll();
            } else {
                sessions.deliver(message.message(), message.originSessionId());
            }
        }
    }

    private void deliverOthers(CommitNotice notice, LocalDelivery sessions) {
        List<CommitNotice.Committed> wanted = new ArrayList<>(notice.messages().size());
        for (CommitNotice.Committed committed : notice.messages()) {
            if (sessions.mayReceive(committed.recipients())) {
                wanted.add(committed);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        List<Message> messages;
        try {
            messages = store.read(wanted);
        } catch (RuntimeException e) {
            LOG.warning(() -> "MSV6002 Could not read " + wanted.size() + " messages node " + notice.originNode()
                    + " committed; every session here reads the store again: " + e);
            sessions.resyncAll();
            return;
        }
        // a session id is only unique on its own node: nobody here sent these
        messages.forEach(m -> sessions.deliver(m, 0));
    }

    private synchronized Own take(Place place) {
        long deadline = System.nanoTime() + ownWaitNanos;
        Own found = own.remove(place);
        while (found == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            found = own.remove(place);
        }
        return found;
    }

    private synchronized void dropStale() {
        long now = System.nanoTime();
        if (now - nextStaleCheck < 0) {
            return;
        }
        nextStaleCheck = now + STALE_NANOS;
        own.values().removeIf(o -> now - o.committedAtNanos() > STALE_NANOS);
    }
}
