package io.missive.core.session;

import io.missive.core.connection.LiveConnection;
import io.missive.core.connection.Peer;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.timer.Tickable;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * One connected client, whatever its protocol: who it is, and the delivery of its messages.
 *
 * <p>Delivery is at least once and in sequence order per conversation. On start the session
 * catches up from the store, page by page; afterwards committed messages arrive live. The
 * store stays the source of truth: when more is waiting than {@link DeliverySettings#queueLimit}
 * allows in memory, the surplus is dropped here and fetched again later from where this
 * session's pushes stopped, so a slow client never makes the server's memory grow.
 *
 * <p>All state below is touched only on {@link #mailbox()}; the public methods hand their
 * work to it. Structures are created on first use, so that an idle session costs little.
 */
public final class ClientSession implements Tickable {

    private static final Logger LOG = Logger.getLogger(ClientSession.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final long uid;
    private final String username;
    private final Peer peer;
    private final LiveConnection connection;
    private final long connectedAtMillis;
    private final SessionOutbound outbound;
    private final SerialExecutor mailbox;
    private final SessionContext context;
    /** The protocol's {@link SessionOutbound#pushesWithoutBlocking}, asked once rather than per message. */
    private final boolean pushesWithoutBlocking;

    private volatile long deadline = Long.MAX_VALUE;
    private volatile boolean closed;
    /** False for a connection that only publishes (msgd's NORMAL and PUBLISHER clients): nothing is offered to it. */
    private volatile boolean receives = true;
    /** Whether unacknowledged pushes wait for the next login instead of being resent (see {@link #resendAtNextLoginOnly}). */
    private volatile boolean resendAtNextLoginOnly;

    // --- mailbox-confined delivery state ---
    private final PushWindow pushes = new PushWindow();
    private final PushWindow.Cursors cursors;
    private ArrayDeque<Message> waiting;
    private ArrayDeque<Message> held;
    private boolean started;
    private boolean syncing;
    private boolean storeHasMore;
    /** A page of pending messages is being read off the mailbox; its arrival pumps. */
    private boolean reading;
    private boolean resyncNeeded;
    private final ReadRetry readRetry = new ReadRetry();

    /** A session and its connection as operators see it; the core registers the connection once the session is. */
    public ClientSession(long uid, String username, Peer peer,
                         SessionOutbound outbound, SerialExecutor mailbox, SessionContext context) {
        this.uid = uid;
        this.username = username;
        this.peer = peer;
        this.outbound = outbound;
        this.mailbox = mailbox;
        this.context = context;
        this.pushesWithoutBlocking = outbound.pushesWithoutBlocking();
        this.connectedAtMillis = context.clock().millis();
        this.connection = context.connections().create(peer, uid, username, this::disconnect);
        this.cursors = (conversationId, seq) -> context.store().markDelivered(uid, conversationId, seq);
    }

    public long id() {
        return id;
    }

    public long uid() {
        return uid;
    }

    public String username() {
        return username;
    }

    public String protocol() {
        return peer.protocol();
    }

    /** The transport and the peer's address, for logs: "ws://127.0.0.1:51234". */
    public String remoteAddress() {
        return peer.toString();
    }

    public Peer peer() {
        return peer;
    }

    /** This session's connection as operators see it (counters, kick). */
    public LiveConnection connection() {
        return connection;
    }

    public long connectedAtMillis() {
        return connectedAtMillis;
    }

    public SerialExecutor mailbox() {
        return mailbox;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Begins delivery: catches up from the store, then goes live. Call after the login answer is sent. */
    public void start() {
        mailbox.execute(() -> {
            if (!closed && !started) {
                started = true;
                context.scanner().watch(this);
                beginSync();
            }
        });
    }

    /**
     * Makes this a session that receives nothing, instead of {@link #start()}ing its delivery: it
     * publishes only, and moves no cursor of its user's. Call before the session is announced.
     */
    public void publishOnly() {
        receives = false;
    }

    /**
     * For a protocol whose clients acknowledge some pushes, or none (FishChat's): nothing is resent on
     * this connection and the window never waits for acknowledgements. An unacknowledged push keeps
     * its conversation's cursor where it was, so it and what followed it are delivered again at the
     * user's next login. Call before {@link #start()}.
     */
    public void resendAtNextLoginOnly() {
        resendAtNextLoginOnly = true;
    }

    /** Whether messages for the user are offered to this session. */
    public boolean receives() {
        return receives;
    }

    /** A committed message for this session's user. Any thread. */
    public void offer(Message message) {
        deliveryTask(() -> deliverLive(message));
    }

    /**
     * The client acknowledged a push. Any thread. Counted at once when the connection reads it on this
     * session's mailbox, so it counts before the next frame the client sent after it (a DISCONNECT, a
     * PING) is handled: a client that waits for that frame's answer knows its acknowledgements counted.
     */
    public void acknowledge(MessageId messageId) {
        if (mailbox.inTurnHere() && (pushesWithoutBlocking || SerialExecutor.mayBlockHere())) {
            onAck(messageId);
        } else {
            deliveryTask(() -> onAck(messageId));
        }
    }

    /**
     * A delivery's task on the mailbox: on the connection's event loop when the protocol pushes without
     * blocking (a page read from the store runs on {@link SessionContext#pendingReads}, see {@link #readPage}).
     */
    private void deliveryTask(Runnable task) {
        if (pushesWithoutBlocking) {
            mailbox.executeNonBlocking(task);
        } else {
            mailbox.execute(task);
        }
    }

    /**
     * The push just written has no acknowledgement in the protocol (FishChat's topic messages, msgd, a
     * text device that cannot confirm): it counts as delivered now that the transport took it. Only
     * from {@link SessionOutbound#push}, on the mailbox.
     */
    public void deliveredOnWrite(MessageId messageId) {
        if (pushes.acknowledge(messageId, cursors)) {
            context.observer().acknowledged();
        }
    }

    /**
     * Messages for this user may have been committed without reaching this session (a route that
     * could not load its recipients): the session reads the store again, from where its pushes stopped,
     * before it sends anything newer. Any thread.
     */
    public void resync() {
        mailbox.execute(() -> {
            if (!closed && started) {   // a session not started yet will read them when it starts
                resyncNeeded = true;
                pump();
            }
        });
    }

    /** The server ends this session; the adapter sends its protocol's disconnect. Any thread. */
    public void disconnect(CloseReason reason) {
        mailbox.execute(() -> {
            if (!closed) {
                LOG.fine(() -> "Closing session " + id + " of uid " + uid + ": " + reason.text());
                markClosed();
                outbound.close(reason);
            }
        });
    }

    /** The connection is gone (the client left or the transport broke). Any thread. */
    public void transportClosed() {
        mailbox.execute(() -> {
            if (!closed) {
                markClosed();
            }
        });
    }

    /** Pushes sent and not yet acknowledged; for status pages. Approximate off the mailbox. */
    public int inFlightCount() {
        return pushes.size();
    }

    // --- Tickable ---

    @Override
    public long deadline() {
        return deadline;
    }

    @Override
    public void fire(long nowMillis) {
        deadline = Long.MAX_VALUE; // not again until this tick has run and set the next one
        mailbox.execute(() -> onTick(nowMillis));
    }

    // --- on the mailbox ---

    private void markClosed() {
        closed = true;
        context.scanner().forget(this);
        waiting = null;
        held = null;
        context.onClosed().accept(this);
    }

    private void beginSync() {
        enterSync();
        pump();
    }

    private void enterSync() {
        syncing = true;
        storeHasMore = true;
        resyncNeeded = false;
    }

    /**
     * Starts reading the next page of what is pending, off the mailbox: the session goes on sending
     * what it holds meanwhile, so that a catch-up does not stall on each read. The page starts after
     * what was sent or is queued in each conversation.
     */
    private void readPage() {
        reading = true;
        Map<Long, Long> after = pushes.sentSeqs();
        if (waiting != null) {
            for (Message queued : waiting) {
                after.merge(queued.conversationId(), queued.seq(), Math::max);
            }
        }
        int pageSize = context.settings().pageSize();
        try {
            context.pendingReads().execute(() -> {
                List<Message> page;
                try {
                    page = context.store().pending(uid, after, pageSize);
                } catch (RuntimeException | Error e) {
                    deliveryTask(() -> pageFailed(e));
                    return;
                }
                deliveryTask(() -> pageRead(page, pageSize));
            });
        } catch (RejectedExecutionException e) {
            pageFailed(e);   // the pool is shutting down, or full: read again later
        }
    }

    private void pageRead(List<Message> page, int pageSize) {
        reading = false;
        if (closed) {
            return;
        }
        if (readRetry.succeeded()) {
            LOG.info(() -> "MSV1015 Reading the pending messages of uid " + uid + " for " + peer + " works again");
        }
        storeHasMore = page.size() >= pageSize;
        waitingQueue().addAll(page);
        pump();
    }

    /**
     * Going live without the catch-up would push newer messages whose acknowledgements move the
     * cursor past the unread ones, losing them: so the session stays in catch-up and reads again
     * later, with a growing wait, sending nothing newer meanwhile. An {@link Error} is the mailbox's
     * failure, as it was when the read ran on the mailbox: its connection closes.
     */
    private void pageFailed(Throwable e) {
        reading = false;
        if (e instanceof Error error) {
            throw error;
        }
        if (closed) {
            return;
        }
        long now = context.clock().millis();
        if (readRetry.failed(now)) {
            LOG.warning(() -> "MSV1014 Could not read the pending messages of uid " + uid + " for " + peer
                    + "; reading again shortly, nothing newer is sent meanwhile: " + e);
        }
        deadline = Math.min(deadline, readRetry.wakeAt(now));
    }

    private void deliverLive(Message message) {
        if (closed || !receives) {
            return;
        }
        if (!started || syncing) {
            // Catching up: hold it; whatever the catch-up also found is dropped by sequence number.
            ArrayDeque<Message> queue = heldQueue();
            if (queue.size() < context.settings().queueLimit()) {
                queue.add(message);
            } else {
                queue.clear();
                resyncNeeded = true;
            }
            return;
        }
        if (resyncNeeded) {
            return; // the next catch-up will find it in the store
        }
        ArrayDeque<Message> queue = waitingQueue();
        if (queue.size() < context.settings().queueLimit()) {
            queue.add(message);
            pump();
        } else {
            queue.clear();
            resyncNeeded = true;
            pump();
        }
    }

    /** Sends what fits in the window; fetches more from the store or goes live when the queue runs dry. */
    private void pump() {
        int window = context.settings().window();
        long now = context.clock().millis();
        while (!closed) {
            boolean waitsForAcks = !resendAtNextLoginOnly;
            while ((!waitsForAcks || inFlightCount() < window) && waiting != null && !waiting.isEmpty()) {
                Message next = waiting.poll();
                if (pushes.isNew(next) && !next.expiredAt(now)) {
                    send(next, now);
                }
            }
            // the next page is read while less than a window's worth is left to send (the tick reads again
            // after a failed read's wait)
            if (syncing && storeHasMore && !reading && (waiting == null || waiting.size() < window)
                    && !readRetry.waiting(now)) {
                readPage();
            }
            if (waitsForAcks && inFlightCount() >= window || waiting != null && !waiting.isEmpty()) {
                return; // wait for acknowledgements
            }
            if (syncing && (storeHasMore || reading)) {
                return;   // wait for the page
            }
            if (syncing) {
                syncing = false;
                ArrayDeque<Message> caughtUpWhileSyncing = held;
                held = null;
                if (caughtUpWhileSyncing != null && !resyncNeeded) {
                    waitingQueue().addAll(caughtUpWhileSyncing);
                    continue;
                }
            }
            if (resyncNeeded) {
                enterSync();
                continue;
            }
            return;
        }
    }

    private void send(Message message, long now) {
        pushes.sent(message, now);
        outbound.push(message);
        connection.sent();
        context.observer().pushed(message, now, !syncing);
        if (resendAtNextLoginOnly) {
            pushes.forgetOldest(context.settings().window());   // bounded, however few acknowledgements come
        } else {
            deadline = Math.min(deadline, now + context.settings().resendIntervalMillis());
        }
    }

    /**
     * Counts even once the session is closed: the connection read the acknowledgement before its close (it
     * handles nothing after), but this task may have been queued behind the close the transport reported
     * meanwhile; dropping it would send the message again at the next login.
     */
    private void onAck(MessageId messageId) {
        if (pushes.acknowledge(messageId, cursors)) {
            context.observer().acknowledged();
        }
        if (!closed) {
            pump();
        }
    }

    private void onTick(long now) {
        if (closed) {
            return;
        }
        if (readRetry.due(now)) {
            pump();   // reads again, unless the window is full: then the next acknowledgement's pump does
        }
        if (!resendAtNextLoginOnly && !resendDue(now)) {
            return;
        }
        recomputeDeadline(now);
    }

    /** Resends what is due; answers false when the session was given up on (and is closed). */
    private boolean resendDue(long now) {
        DeliverySettings settings = context.settings();
        PushWindow.Due due = pushes.due(now, settings.resendIntervalMillis(), settings.maxResends(), cursors);
        if (due.unacknowledged() != null) {
            LOG.fine(() -> "Disconnecting " + peer.protocol() + " session of uid " + uid + " from " + peer
                    + ": push " + due.unacknowledged().id() + " unacknowledged after " + settings.maxResends()
                    + " resends");
            markClosed();
            outbound.close(CloseReason.NO_ACKNOWLEDGEMENT);
            return false;
        }
        for (Message message : due.resend()) {
            outbound.push(message);
            context.observer().resent();
        }
        if (due.expiredAny()) {
            pump();
        }
        return true;
    }

    private void recomputeDeadline(long now) {
        long resend = resendAtNextLoginOnly ? Long.MAX_VALUE
                : pushes.nextResendAt(context.settings().resendIntervalMillis());
        deadline = Math.min(resend, readRetry.wakeAt(now));
    }

    private ArrayDeque<Message> waitingQueue() {
        if (waiting == null) {
            waiting = new ArrayDeque<>();
        }
        return waiting;
    }

    private ArrayDeque<Message> heldQueue() {
        if (held == null) {
            held = new ArrayDeque<>();
        }
        return held;
    }

    @Override
    public String toString() {
        return peer.protocol() + " session " + id + " of uid " + uid + " from " + peer;
    }
}
