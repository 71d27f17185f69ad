package io.missive.protocol;

import io.missive.core.MessagingCore;
import io.missive.core.PublishCallback;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.Peer;
import io.missive.core.session.CloseReason;
import io.missive.core.session.EventLoop;
import io.missive.core.session.SerialExecutor;
import io.missive.core.timer.Deadline;
import io.missive.core.timer.Tickable;
import io.missive.transport.CloseKind;
import io.missive.transport.Inbound;
import io.missive.transport.Sink;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of one connection, whatever its protocol and transport, written once: its mailbox and
 * the guard around each of its tasks, flow control (the inbound backlog), one deadline (the login's,
 * then the protocol's timer for pings, heartbeats, keep-alive) and the close, which happens once with
 * one log line naming the peer. {@link ProtocolConnection} adds the login and the core session; a
 * protocol extends that with its state machine.
 *
 * <p>Everything runs on the connection's mailbox, so no state here or in a subclass needs a lock.
 * Inbound calls come on the transport's I/O thread and are handed to the mailbox at once; a message
 * the protocol {@linkplain #handlesWithoutBlocking handles without blocking} may run right there, on the
 * transport's event loop, when the mailbox is idle (see {@link SerialExecutor}). A task
 * that throws is logged once, with the peer, and closes the connection with the protocol's
 * {@link #serverError} answer.
 *
 * @param <I> what the protocol's decoder delivers
 * @param <O> what the protocol writes to its sink
 */
public abstract class ConnectionLifecycle<I, O> implements Inbound<I>, Tickable {

    /** The connection's log lines (MSV1001, MSV1002, MSV1003, MSV1022), whichever layer writes them. */
    static final Logger LOG = Logger.getLogger(ConnectionLifecycle.class.getName());

    /** Where a connection is in its life. */
    protected enum Phase {
        /** Waiting for the login; only the login (and, on some listeners, trusted traffic) is accepted. */
        LOGIN,
        /** Logged in. */
        OPEN,
        /** Closing or closed: nothing more is read. */
        CLOSED
    }

    protected final MessagingCore core;
    private final Sink<O> sink;
    private final String protocol;
    private final String transport;
    private final ConnectionMailbox mailbox;
    /** The login deadline, then the protocol's. */
    private final Deadline deadline;
    /** When the peer last sent anything, set on the I/O thread. */
    private volatile long lastReceivedAt;
    private final InboundBacklog backlog;

    // --- mailbox-confined ---
    private Phase phase = Phase.LOGIN;
    private boolean closed;

    /**
     * @param loginTimeoutMillis time a new connection has to log in; 0 for no deadline (a trusted peer)
     * @param movable            whether the connection may {@link #moveTo} another mailbox
     */
    ConnectionLifecycle(MessagingCore core, Sink<O> sink, String protocol, String transport, long loginTimeoutMillis,
                        boolean movable) {
        this.core = core;
        this.sink = sink;
        this.protocol = protocol;
        this.transport = transport;
        this.mailbox = new ConnectionMailbox(core.newMailbox(sink.eventLoop()), movable, this::taskFailed);
        this.lastReceivedAt = core.clock().millis();
        this.backlog = new InboundBacklog(sink, core.settings().inboundBacklog(), this::run);
        this.deadline = core.deadlines().watch(this);
        if (loginTimeoutMillis > 0) {
            deadline.set(lastReceivedAt + loginTimeoutMillis);
        }
    }

    // --- what a protocol writes ---

    /** One message from the peer, on the mailbox; never called once the connection is closing. */
    protected abstract void handle(I message);

    /**
     * A message handed over after the connection closed, which is not handled: nothing is answered or
     * started. A protocol may still count an acknowledgement in it, which only moves a cursor: Undertow
     * (WildFly) reports a WebSocket's close on its I/O thread when the peer drops the connection, ahead
     * of frames it read before and hands over later. On the mailbox.
     */
    protected void receivedAfterClose(I message) {
    }

    /** The answer to a task that failed on the server's side, sent before the close; may be empty. */
    protected abstract List<O> serverError();

    /**
     * Whether handling {@code message} never blocks, so that it may run on the transport's event loop
     * (an acknowledgement, a ping, a publish whose checks the core can answer from memory: it continues on
     * the pool when they cannot be). On the transport's thread, before the message is handed over. False
     * by default.
     */
    protected boolean handlesWithoutBlocking(I message) {
        return false;
    }

    /** The protocol's timer came due (see {@link #wakeAt}); answers the next due time or {@link Long#MAX_VALUE}. */
    protected long onTimer(long nowMillis) {
        return Long.MAX_VALUE;
    }

    /** The transport is gone; the protocol forgets what it kept for the connection. On the mailbox. */
    protected void transportClosed() {
    }

    /** Who the peer is, for log lines, after the address: " (uid 7)". */
    protected String who() {
        return "";
    }

    // --- what the login layer adds ---

    /** Whether {@code message} waits for a credential check's answer; it is handled later if so. */
    boolean heldBack(I message) {
        return false;
    }

    /** The deadline came due, on the mailbox: the protocol's timer once the connection is open. */
    void deadlinePassed() {
        if (phase == Phase.OPEN) {
            deadline.set(onTimer(core.clock().millis()));
        }
    }

    /** The peer sends faster than it reads. */
    void tooSlow() {
        closeConnection(CloseKind.POLICY, CloseReason.TOO_SLOW.text(), List.of());
    }

    /** The connection is closing, whichever way; once. */
    void closing() {
    }

    // --- inbound, from the transport's thread ---

    /**
     * Hands the message to the mailbox. Past the inbound backlog (frames not yet handled and publishes
     * not yet committed) the transport stops reading, so that a peer sending faster than its messages
     * are handled fills its own socket buffer, not the server's heap (what one read already holds is
     * still handled); where the transport cannot stop, the connection closes at sixteen times that.
     */
    @Override
    public final void onMessage(I message) {
        lastReceivedAt = core.clock().millis();
        hold();
        Runnable task = () -> {
            if (heldBack(message)) {
                return;   // after the credential check's answer
            }
            release();
            if (phase != Phase.CLOSED) {
                handle(message);
            } else {
                receivedAfterClose(message);
            }
        };
        if (handlesWithoutBlocking(message)) {
            mailbox.executeNonBlocking(task);
        } else {
            run(task);
        }
    }

    /** One more piece of the peer's work the server has not finished: a frame to handle, a publish to commit. */
    final void hold() {
        if (backlog.hold()) {
            run(() -> closeConnection(CloseKind.POLICY, backlog.closeAt() + " messages received and not yet handled",
                    List.of()));
        }
    }

    final void release() {
        backlog.release();
    }

    /** {@code callback}, which first gives back the piece of the backlog {@link #hold} took. */
    final PublishCallback releasedBefore(PublishCallback callback) {
        return backlog.releasedBefore(callback);
    }

    /**
     * Counts one piece of the peer's work in the inbound backlog until the answer runs, for a protocol whose
     * publishes do not go through the core's (MQTT's, with their own store): run the answer once the work is
     * done, committed or not; a second run does nothing. Any thread.
     */
    protected final Runnable holdUntilDone() {
        hold();
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                release();
            }
        };
    }

    @Override
    public final void onUnsupported(String what) {
        run(() -> closeConnection(CloseKind.UNSUPPORTED_DATA, what + " is not part of the " + protocol + " protocol",
                List.of()));
    }

    @Override
    public final void onOversized(long size, long limit) {
        run(() -> closeConnection(CloseKind.TOO_BIG, "a frame of " + size + " bytes; the limit is " + limit,
                List.of()));
    }

    @Override
    public final void onBackpressure() {
        run(this::tooSlow);
    }

    @Override
    public final void onClosed() {
        run(() -> {
            if (!closed) {
                LOG.fine(() -> "The peer closed " + describe());
            }
            closed = true;
            phase = Phase.CLOSED;
            deadline.cancel();
            closing();
            transportClosed();
        });
    }

    // --- the deadline ---

    @Override
    public final void fire(long nowMillis) {
        run(this::deadlinePassed);   // the deadline stays cleared until the mailbox sets the next one
    }

    /** Sets the protocol's timer; {@link #onTimer} runs on the mailbox once it is due. On the mailbox. */
    protected final void wakeAt(long atMillis) {
        deadline.set(atMillis);
    }

    // --- for the protocol, on the mailbox ---

    /** Runs {@code task} on the connection's mailbox, in order with everything before, guarded. Any thread. */
    protected final void run(Runnable task) {
        mailbox.execute(task);
    }

    /**
     * From now on the connection's work runs on {@code to} (an MQTT persistent session's, which outlives
     * connections), still in order; only for a connection made movable.
     */
    protected final void moveTo(SerialExecutor to) {
        mailbox.moveTo(to, this::taskFailed);
    }

    /** The transport's event loop for this connection; null where it has none. */
    protected final EventLoop eventLoop() {
        return sink.eventLoop();
    }

    /** The mailbox the connection's work runs on now. */
    protected final SerialExecutor mailbox() {
        return mailbox.current();
    }

    /** The connection's own mailbox, where it started. */
    final SerialExecutor ownMailbox() {
        return mailbox.own();
    }

    protected final Phase phase() {
        return phase;
    }

    /** When the peer last sent anything. */
    protected final long lastReceivedAt() {
        return lastReceivedAt;
    }

    /** The login is done: its deadline ends, and the protocol's timer may start. */
    final void enterOpen() {
        phase = Phase.OPEN;
        deadline.set(Long.MAX_VALUE);
    }

    /** Reads nothing more and holds the connection until {@code atMillis}, when {@link #deadlinePassed} runs. */
    final void holdUntil(long atMillis) {
        phase = Phase.CLOSED;
        deadline.set(atMillis);
    }

    final boolean isClosed() {
        return closed;
    }

    /**
     * Sends one message to the peer, unless the connection is closing; answers whether the transport
     * took it (see {@link Sink#send}).
     */
    protected final boolean send(O message) {
        return !closed && sink.send(message);
    }

    /**
     * Ends the connection: sends {@code answer}, logs {@code why} once with the peer, closes the
     * transport after what was sent. A second call does nothing. On the mailbox.
     */
    protected final void closeConnection(CloseKind kind, String why, List<O> answer) {
        if (closed) {
            return;
        }
        // a peer can cause it at will, by connecting again and again: throttled
        core.peerCausedLog("MSV1001", LOG, Level.INFO).log(() -> "MSV1001 Closing " + describe() + ": " + why);
        end(kind, why, answer);
    }

    /** Closes at the peer's own request (DISCONNECT, CLS): the answer, then the close; logged at FINE. */
    protected final void closeAsAsked(String why, List<O> answer) {
        if (closed) {
            return;
        }
        LOG.fine(() -> "Closing " + describe() + ": " + why);
        end(CloseKind.NORMAL, why, answer);
    }

    /** Closes a new connection before it reads anything, with no answer; {@code log} is its one log line. */
    final void refuseUnread(Runnable log, String why) {
        deadline.cancel();
        run(() -> {
            log.run();
            closed = true;
            phase = Phase.CLOSED;
            sink.close(CloseKind.POLICY, why);
        });
    }

    final void end(CloseKind kind, String why, List<O> answer) {
        answer.forEach(sink::send);
        closed = true;
        phase = Phase.CLOSED;
        deadline.cancel();
        closing();
        sink.close(kind, why);
    }

    /** The connection as operators see it before any session: {@code protocol}, transport, address, kind. */
    protected final Peer peer(ConnectionKind kind) {
        return new Peer(protocol, transport, sink.remoteAddress(), kind);
    }

    /** The peer's IP address without its port, as login limits count it: "127.0.0.1". */
    protected final String peerHost() {
        String address = sink.remoteAddress();
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }

    /** The peer for log lines: "binary connection tcp://127.0.0.1:51234 (uid 7)". */
    protected final String describe() {
        return protocol + " connection " + peerAddress() + who();
    }

    /** The connection before its login, for log lines: "binary connection tcp://127.0.0.1:51234". */
    final String describeUnnamed() {
        return protocol + " connection " + peerAddress();
    }

    private String peerAddress() {
        return transport + "://" + sink.remoteAddress();
    }

    private void taskFailed(Throwable failure) {
        if (closed) {
            LOG.log(Level.WARNING, "MSV1002 A task failed on " + describe() + " as it closed", failure);
            return;
        }
        LOG.log(Level.WARNING, "MSV1002 A task failed on " + describe() + "; closing it", failure);
        end(CloseKind.SERVER_ERROR, "server error", serverError());
    }
}
