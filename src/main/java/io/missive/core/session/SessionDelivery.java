package io.missive.core.session;

import io.missive.core.connection.LiveConnection;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.timer.Deadline;
import io.missive.core.timer.Tickable;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * The delivery of one session's messages: at least once and in sequence order per conversation.
 * On start it catches up from the store, page by page; afterwards committed messages arrive live.
 * The store stays the source of truth: when more is waiting than {@link DeliverySettings#queueLimit}
 * allows in memory, the surplus is dropped here and fetched again later from where the pushes
 * stopped, so a slow client never makes the server's memory grow.
 *
 * <p>Everything here runs on the session's mailbox ({@link ClientSession} hands the work over);
 * structures are created on first use, so that an idle session costs little.
 */
final class SessionDelivery implements Tickable {

    private static final Logger LOG = Logger.getLogger(SessionDelivery.class.getName());

    private final ClientSession session;
    private final SessionOutbound outbound;
    private final LiveConnection connection;
    private final SerialExecutor mailbox;
    private final SessionContext context;
    /** The protocol's {@link SessionOutbound#pushesWithoutBlocking}, asked once rather than per message. */
    private final boolean pushesWithoutBlocking;
    /** Whether unacknowledged pushes wait for the next login instead of being resent (see {@link ClientSession#resendAtNextLoginOnly}). */
    private volatile boolean resendAtNextLoginOnly;
    /**
     * For such a session: whether a full window waits for acknowledgements. It does while the client
     * acknowledges; a client that leaves a full window unanswered for the resend interval is taken for one
     * that never does, and pushes go on without waiting, until it acknowledges again.
     */
    private boolean awaitsAcknowledgements = true;

    private final PushWindow pushes = new PushWindow();
    private final PushWindow.Cursors cursors;
    /** Resends and a failed read's retry; set when delivery starts. */
    private Deadline deadline;
    private ArrayDeque<Message> waiting;
    private ArrayDeque<Message> held;
    private boolean started;
    private boolean syncing;
    private boolean storeHasMore;
    /** A page of pending messages is being read off the mailbox; its arrival pumps. */
    private boolean reading;
    private boolean resyncNeeded;
    private final ReadRetry readRetry = new ReadRetry();

    SessionDelivery(ClientSession session, SessionOutbound outbound, LiveConnection connection, SerialExecutor mailbox,
                    SessionContext context) {
        this.session = session;
        this.outbound = outbound;
        this.connection = connection;
        this.mailbox = mailbox;
        this.context = context;
        this.pushesWithoutBlocking = outbound.pushesWithoutBlocking();
        long uid = session.uid();
        this.cursors = (conversationId, seq) -> context.store().markDelivered(uid, conversationId, seq);
    }

    void resendAtNextLoginOnly() {
        resendAtNextLoginOnly = true;
    }

    boolean pushesWithoutBlocking() {
        return pushesWithoutBlocking;
    }

    /** Pushes sent and not yet acknowledged. Approximate off the mailbox. */
    int inFlight() {
        return pushes.size();
    }

    /**
     * Runs a delivery's task on the mailbox: on the connection's event loop when the protocol pushes without
     * blocking (a page read from the store runs on {@link SessionContext#pendingReads}, see {@link #readPage}).
     * Any thread.
     */
    void task(Runnable task) {
        if (pushesWithoutBlocking) {
            mailbox.executeNonBlocking(task);
        } else {
            mailbox.execute(task);
        }
    }

    // --- on the mailbox ---

    void start() {
        if (!started) {
            started = true;
            deadline = context.deadlines().watch(this);
            enterSync();
            pump();
        }
    }

    /** The session closed: nothing more is sent; what is queued is dropped (the store still has it). */
    void closed() {
        if (deadline != null) {
            deadline.cancel();
        }
        waiting = null;
        held = null;
    }

    void resync() {
        if (started) {   // a session not started yet will read them when it starts
            resyncNeeded = true;
            pump();
        }
    }

    /** The push just written has no acknowledgement in its protocol: it counts as delivered now. */
    void deliveredOnWrite(MessageId messageId) {
        if (pushes.acknowledge(messageId, cursors)) {
            context.observer().acknowledged();
        }
    }

    /**
     * Counts even once the session is closed: the connection read the acknowledgement before its close (it
     * handles nothing after), but this task may have been queued behind the close the transport reported
     * meanwhile; dropping it would send the message again at the next login.
     */
    void acknowledged(MessageId messageId) {
        if (pushes.acknowledge(messageId, cursors)) {
            context.observer().acknowledged();
            awaitsAcknowledgements = true;
        }
        if (!session.isClosed()) {
            pump();
        }
    }

    void deliverLive(Message message) {
        if (session.isClosed()) {
            return;
        }
        if (!started || syncing) {
            // Catching up: hold it; whatever the catch-up also found is dropped by sequence number.
            enqueue(heldQueue(), message);
            return;
        }
        if (resyncNeeded) {
            return; // the next catch-up will find it in the store
        }
        enqueue(waitingQueue(), message);
        pump();
    }

    /**
     * Queues a live message; a queue at its limit is dropped instead, and the next catch-up reads the
     * store for all of it, so that a slow session costs the store's rows, not the heap.
     */
    private void enqueue(ArrayDeque<Message> queue, Message message) {
        if (queue.size() < context.settings().queueLimit()) {
            queue.add(message);
        } else {
            queue.clear();
            resyncNeeded = true;
            context.observer().queueOverflowed();
        }
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
        long uid = session.uid();
        try {
            context.pendingReads().execute(() -> {
                List<Message> page;
                try {
                    page = context.store().pending(uid, after, pageSize);
                } catch (RuntimeException | Error e) {
                    task(() -> pageFailed(e));
                    return;
                }
                task(() -> pageRead(page, pageSize));
            });
        } catch (RejectedExecutionException e) {
            pageFailed(e);   // the pool is shutting down, or full: read again later
        }
    }

    private void pageRead(List<Message> page, int pageSize) {
        reading = false;
        if (session.isClosed()) {
            return;
        }
        if (readRetry.succeeded()) {
            LOG.info(() -> "MSV1015 Reading the pending messages of uid " + session.uid() + " for " + session.peer()
                    + " works again");
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
        if (session.isClosed()) {
            return;
        }
        long now = context.clock().millis();
        if (readRetry.failed(now)) {
            LOG.warning(() -> "MSV1014 Could not read the pending messages of uid " + session.uid() + " for "
                    + session.peer() + "; reading again shortly, nothing newer is sent meanwhile: " + e);
        }
        deadline.setEarlier(readRetry.wakeAt(now));
    }

    /** Sends what fits in the window; fetches more from the store or goes live when the queue runs dry. */
    private void pump() {
        int window = context.settings().window();
        long now = context.clock().millis();
        while (!session.isClosed()) {
            boolean waitsForAcks = !resendAtNextLoginOnly || awaitsAcknowledgements;
            while ((!waitsForAcks || pushes.size() < window) && waiting != null && !waiting.isEmpty()) {
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
            if (waitsForAcks && pushes.size() >= window) {
                if (resendAtNextLoginOnly && !stillAwaiting(now)) {
                    continue;
                }
                return; // wait for acknowledgements
            }
            if (waiting != null && !waiting.isEmpty()) {
                return;
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
        if (!resendAtNextLoginOnly) {
            deadline.setEarlier(now + context.settings().resendIntervalMillis());
        } else if (!awaitsAcknowledgements) {
            pushes.forgetOldest(context.settings().window());   // bounded, however few acknowledgements come
        }
    }

    /**
     * A full window of a session whose acknowledgements are optional: it waits for them until its oldest push
     * has waited the resend interval (the tick comes back then); after that the client is taken for one that
     * does not acknowledge, and none of the pushes in flight is waited for any more (their conversations'
     * cursors stay where they are for the session), so that a client acknowledging again finds its window
     * free. Waiting keeps every acknowledgement countable, so the cursors follow a client that acknowledges
     * however many messages it is sent at once; forgetting the oldest would stall them.
     */
    private boolean stillAwaiting(long now) {
        long giveUpAt = pushes.oldestSentMillis() + context.settings().resendIntervalMillis();
        if (now < giveUpAt) {
            deadline.setEarlier(giveUpAt);
            return true;
        }
        awaitsAcknowledgements = false;
        pushes.forgetOldest(0);
        LOG.fine(() -> session + " left a full window unacknowledged for " + context.settings().resendIntervalMillis()
                + " ms: pushing on without waiting; what it does not acknowledge comes again at its next login");
        return false;
    }

    // --- the deadline: resends and a failed read's retry ---

    @Override
    public void fire(long nowMillis) {
        mailbox.execute(() -> onTick(nowMillis));   // the deadline stays cleared until the tick sets the next one
    }

    private void onTick(long now) {
        if (session.isClosed()) {
            return;
        }
        if (resendAtNextLoginOnly) {
            // nothing is resent: the tick is a read's retry, or a full window's wait ending (stillAwaiting),
            // and the pump sets the next one
            deadline.set(readRetry.wakeAt(now));
            pump();
            return;
        }
        if (readRetry.due(now)) {
            pump();   // reads again, unless the window is full: then the next acknowledgement's pump does
        }
        if (!resendDue(now)) {
            return;
        }
        deadline.set(Math.min(pushes.nextResendAt(context.settings().resendIntervalMillis()), readRetry.wakeAt(now)));
    }

    /** Resends what is due; answers false when the session was given up on (and is closed). */
    private boolean resendDue(long now) {
        DeliverySettings settings = context.settings();
        PushWindow.Due due = pushes.due(now, settings.resendIntervalMillis(), settings.maxResends(), cursors);
        if (due.unacknowledged() != null) {
            LOG.fine(() -> "Disconnecting " + session + ": push " + due.unacknowledged().id() + " unacknowledged after "
                    + settings.maxResends() + " resends");
            session.giveUp(CloseReason.NO_ACKNOWLEDGEMENT);
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
}
