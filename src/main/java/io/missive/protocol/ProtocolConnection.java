package io.missive.protocol;

import io.missive.core.MessagingCore;
import io.missive.core.OpenResult;
import io.missive.core.Publication;
import io.missive.core.PublishCallback;
import io.missive.core.auth.AuthResult;
import io.missive.core.auth.LoginFailure;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.Peer;
import io.missive.core.model.MessageId;
import io.missive.core.session.ClientSession;
import io.missive.core.session.CloseReason;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.core.session.EventLoop;
import io.missive.core.session.SerialExecutor;
import io.missive.core.session.SessionOutbound;
import io.missive.core.timer.Tickable;
import io.missive.transport.CloseKind;
import io.missive.transport.Inbound;
import io.missive.transport.Sink;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of one connection, whatever its protocol and transport, written once: the login
 * deadline, one timer for the protocol's own rules (pings, heartbeats, keep-alive), backpressure,
 * the guard around every task of the connection's mailbox, and the close, which happens once with
 * one log line naming the peer. A protocol extends it with its state machine: {@link #handle}
 * for what the peer sends, {@link #push} for what the core delivers, and its answers to a refused
 * login, a server error and a server-side close.
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
public abstract class ProtocolConnection<I, O> implements Inbound<I>, SessionOutbound, Tickable {

    private static final Logger LOG = Logger.getLogger(ProtocolConnection.class.getName());

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
    private final Login login;
    private final ConnectionMailbox mailbox;
    /** The login deadline, then the protocol's; read by the deadline scanner. */
    private volatile long deadline;
    /** When the peer last sent anything, set on the I/O thread. */
    private volatile long lastReceivedAt;
    private final InboundBacklog backlog;
    private final LoginProgress<I> loginProgress;

    // --- mailbox-confined ---
    private Phase phase = Phase.LOGIN;
    private boolean closed;
    private ClientSession session;
    /** A refused login's answer and close, once its delay has passed; null otherwise. */
    private Runnable delayedRefusal;

    /**
     * What the login is called on the wire and how long a new connection has for it.
     *
     * @param command       the login's name for logs: "CONNECT", "IDENTIFY"
     * @param timeoutMillis time a new connection has to log in; 0 for no deadline (a trusted peer)
     */
    public record Login(String command, long timeoutMillis) {
    }

    /**
     * @param protocol  the protocol's name, for logs and operators: "binary"
     * @param transport the transport's name, for logs and operators: "tcp", "tls", "ws", "wss"
     */
    protected ProtocolConnection(MessagingCore core, Sink<O> sink, String protocol, String transport, Login login) {
        this(core, sink, protocol, transport, login, false);
    }

    /**
     * @param movable whether the connection may {@link #moveTo} another mailbox (then each task passes the
     *                own mailbox on its way there, to keep its order with what was handed over before the move)
     */
    protected ProtocolConnection(MessagingCore core, Sink<O> sink, String protocol, String transport, Login login,
                                 boolean movable) {
        this.core = core;
        this.sink = sink;
        this.protocol = protocol;
        this.transport = transport;
        this.login = login;
        this.mailbox = new ConnectionMailbox(core.newMailbox(sink.eventLoop()), movable, this::taskFailed);
        this.lastReceivedAt = core.clock().millis();
        this.backlog = new InboundBacklog(sink, core.settings().inboundBacklog(), this::run);
        this.deadline = login.timeoutMillis() > 0 ? lastReceivedAt + login.timeoutMillis() : Long.MAX_VALUE;
        this.loginProgress = new LoginProgress<>(core.awaitingLogins(), peerHost());
        if (login.timeoutMillis() > 0 && !loginProgress.admit()) {
            refuseAtOnce();
            return;
        }
        core.deadlines().watch(this);
    }

    /**
     * Closes a new connection whose address has {@code missive.connection.max-awaiting-login-per-address}
     * connections awaiting their login already, before it reads anything: one log line, no answer.
     */
    private void refuseAtOnce() {
        run(() -> {
            core.logRefusedAwaitingLogin(LOG, () -> protocol + " connection " + peerAddress());
            closed = true;
            phase = Phase.CLOSED;
            sink.close(CloseKind.POLICY, "too many connections awaiting their login from this address");
        });
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

    /** The answer to a refused login (the protocol's code for {@code failure}), sent before the close. */
    protected abstract List<O> loginRefused(LoginFailure failure);

    /** The answer to a task that failed on the server's side, sent before the close; may be empty. */
    protected abstract List<O> serverError();

    /** What the protocol sends when the server ends the connection for {@code reason}; may be empty. */
    protected abstract List<O> farewell(CloseReason reason);

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
        return session != null ? " (uid " + session.uid() + ")" : "";
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
            if (loginProgress.holdBack(message)) {
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

    /**
     * Checks a login's credentials on the core's credential-check threads, not on the mailbox, and runs
     * {@code then} with the answer on the mailbox, unless the connection closed meanwhile. What the peer
     * sends in between waits until {@code then} has run. On the mailbox.
     */
    protected final void checkCredentials(String username, String password, Consumer<AuthResult> then) {
        awaitCheck((replyOn, answer) -> core.authenticate(username, password, peerHost(), replyOn, answer), then);
    }

    /** {@link #checkCredentials} for a push device's id and token. On the mailbox. */
    protected final void checkDevice(long deviceId, String token, boolean tokenRequired, Consumer<AuthResult> then) {
        awaitCheck((replyOn, answer) -> core.authenticateDevice(deviceId, token, tokenRequired, peerHost(), replyOn,
                answer), then);
    }

    private void awaitCheck(BiConsumer<Executor, Consumer<AuthResult>> check, Consumer<AuthResult> then) {
        loginProgress.checking();
        Executor onMailbox = this::run;
        check.accept(onMailbox, result -> {
            loginProgress.checked();
            if (phase != Phase.CLOSED) {
                then.accept(result);
            }
            // on the mailbox the connection uses now (then may have moved it), before anything sent later
            mailbox().execute(this::handleWaiting);
        });
    }

    /** What a refused login's log line adds about {@code result}: why the check could not be made. */
    protected static String detail(AuthResult result) {
        if (result instanceof AuthResult.Unavailable unavailable) {
            return ": " + unavailable.reason();
        }
        return result instanceof AuthResult.Throttled ? ": throttled" : "";
    }

    private void handleWaiting() {
        for (I next = loginProgress.nextWaiting(); next != null; next = loginProgress.nextWaiting()) {
            release();
            if (phase != Phase.CLOSED) {
                handle(next);
            }
        }
    }

    /** One more piece of the peer's work the server has not finished: a frame to handle, a publish to commit. */
    private void hold() {
        if (backlog.hold()) {
            run(() -> closeConnection(CloseKind.POLICY, backlog.closeAt() + " messages received and not yet handled",
                    List.of()));
        }
    }

    private void release() {
        backlog.release();
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
        run(() -> {
            if (session != null && phase == Phase.OPEN) {
                session.disconnect(CloseReason.TOO_SLOW);   // the core closes the session, then calls close()
            } else {
                closeConnection(CloseKind.POLICY, CloseReason.TOO_SLOW.text(), List.of());
            }
        });
    }

    @Override
    public final void onClosed() {
        run(() -> {
            if (!closed) {
                LOG.fine(() -> "The peer closed " + describe());
            }
            closed = true;
            phase = Phase.CLOSED;
            loginProgress.over();
            core.deadlines().forget(this);
            if (session != null) {
                session.transportClosed();
            }
            transportClosed();
        });
    }

    // --- from the core ---

    /** The server ends the connection (kicked, replaced, resends exhausted, shutdown). On the mailbox. */
    @Override
    public final void close(CloseReason reason) {
        closeConnection(closeKind(reason), reason.text(), farewell(reason));
    }

    // --- the timer ---

    @Override
    public final long deadline() {
        return deadline;
    }

    @Override
    public final void fire(long nowMillis) {
        deadline = Long.MAX_VALUE;   // until the mailbox has run the tick and set the next one
        run(() -> {
            if (delayedRefusal != null) {
                if (!closed) {
                    delayedRefusal.run();
                }
            } else if (phase == Phase.LOGIN && login.timeoutMillis() > 0) {
                closeConnection(CloseKind.POLICY, "no " + login.command() + " within " + login.timeoutMillis() + " ms",
                        List.of());
            } else if (phase == Phase.OPEN) {
                deadline = onTimer(core.clock().millis());
            }
        });
    }

    /** Sets the protocol's timer; {@link #onTimer} runs on the mailbox once it is due. On the mailbox. */
    protected final void wakeAt(long atMillis) {
        deadline = atMillis;
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

    protected final Phase phase() {
        return phase;
    }

    /** Marks the login done, ending the login deadline (without a core session: an anonymous MQTT client). */
    protected final void opened() {
        if (phase == Phase.LOGIN) {
            phase = Phase.OPEN;
            deadline = Long.MAX_VALUE;
            loginProgress.over();
        }
    }

    /** The core session of a logged-in connection; null before the login, or for a connection without one. */
    protected final ClientSession session() {
        return session;
    }

    /** When the peer last sent anything. */
    protected final long lastReceivedAt() {
        return lastReceivedAt;
    }

    /**
     * Opens the user's core session after a login check, on this connection's mailbox. Answers null
     * when the connection is open (the protocol then answers its login and calls
     * {@link #startDelivery}), or why the login is refused (the protocol then calls {@link #refuseLogin}).
     *
     * @param policy the duplicate-login rule; null for the configured one
     */
    protected final LoginFailure openSession(AuthResult result, ConnectionKind kind, DuplicateLoginPolicy policy) {
        return openSession(result, kind, policy, mailbox.own());
    }

    /** As {@link #openSession(AuthResult, ConnectionKind, DuplicateLoginPolicy)}, with the session on {@code mailbox}. */
    protected final LoginFailure openSession(AuthResult result, ConnectionKind kind, DuplicateLoginPolicy policy,
                                             SerialExecutor on) {
        if (!(result instanceof AuthResult.Accepted accepted)) {
            return result.failure();
        }
        OpenResult opened = policy == null
                ? core.open(accepted.uid(), accepted.username(), peer(kind), this, on)
                : core.open(accepted.uid(), accepted.username(), peer(kind), this, on, policy);
        if (!(opened instanceof OpenResult.Opened o)) {
            return LoginFailure.DUPLICATE;
        }
        session = o.session();
        opened();
        return null;
    }

    /** Begins delivering the user's messages; call once the login's answer is sent. */
    protected final void startDelivery() {
        session.start();
    }

    /**
     * Refuses the login with the protocol's answer for {@code failure}; logs it once, with {@code detail}.
     * Unless the user is connected already, the answer waits {@code missive.auth.failure-delay} (as
     * Dovecot's {@code auth_failure_delay}), what the peer sends meanwhile dropped and the connection still
     * counting as awaiting its login: a client retrying bad logins in a loop gets one try per delay per
     * connection, and at most {@code max-awaiting-login-per-address} connections per address.
     */
    protected final void refuseLogin(LoginFailure failure, String detail) {
        if (closed || delayedRefusal != null) {
            return;
        }
        List<O> answer = loginRefused(failure);
        core.peerCausedLog("MSV1003", LOG, Level.INFO).log(() -> "MSV1003 Login refused on " + describe() + ": "
                + failure.text() + " (" + detail + ")");
        String why = "login refused: " + failure.text();
        long delay = failure == LoginFailure.DUPLICATE ? 0 : core.settings().loginFailureDelayMillis();
        if (delay == 0) {
            end(CloseKind.NORMAL, why, answer);
            return;
        }
        phase = Phase.CLOSED;
        delayedRefusal = () -> end(CloseKind.NORMAL, why, answer);
        deadline = core.clock().millis() + delay;
    }

    /**
     * Publishes from this connection's session. Until its commit the publish counts in the inbound
     * backlog like a frame not yet handled, so that one client cannot queue unbounded work behind the
     * store's writer, which every publisher shares: past the backlog its transport stops reading.
     */
    protected final void publish(Publication publication, PublishCallback callback) {
        core.publish(session, publication, held(callback));
    }

    /** {@link #publish} to any group, member or not (msgd's clients name their group themselves). */
    protected final void publishToAnyGroup(Publication publication, PublishCallback callback) {
        core.publishToAnyGroup(session, publication, held(callback));
    }

    /** {@link #publish} as the system user, for a trusted peer without a session; answered on the mailbox. */
    protected final void publishAsSystem(Publication publication, PublishCallback callback) {
        core.publishAsSystem(mailbox(), publication, held(callback));
    }

    /**
     * Counts one piece of the peer's work in the inbound backlog until the answer runs, for a protocol whose
     * publishes do not go through {@link #publish} (MQTT's, with their own store): run the answer once the
     * work is done, committed or not; a second run does nothing. Any thread.
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

    private PublishCallback held(PublishCallback callback) {
        hold();
        return backlog.releasedBefore(callback);
    }

    /**
     * Sends one message to the peer, unless the connection is closing; answers whether the transport
     * took it (see {@link Sink#send}).
     */
    protected final boolean send(O message) {
        return !closed && sink.send(message);
    }

    /**
     * Sends a push the protocol has no acknowledgement for (a text device without {@code confirm}, msgd,
     * FishChat's topic messages): it counts as delivered as the transport takes it, so before anything the
     * peer sends on reading it is handled; one the transport dropped stays pending for the next connection.
     * On the mailbox, from {@link #push}.
     */
    protected final void sendUnacknowledged(O push, MessageId id) {
        if (send(push)) {
            session.deliveredOnWrite(id);
        }
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

    private void end(CloseKind kind, String why, List<O> answer) {
        answer.forEach(sink::send);
        closed = true;
        phase = Phase.CLOSED;
        loginProgress.over();
        core.deadlines().forget(this);
        if (session != null) {
            session.transportClosed();
        }
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

    private static CloseKind closeKind(CloseReason reason) {
        return switch (reason) {
            case PROTOCOL_ERROR -> CloseKind.PROTOCOL_ERROR;
            case SHUTDOWN, DATABASE_UNREACHABLE -> CloseKind.GOING_AWAY;
            case REPLACED, CONNECTED_ELSEWHERE -> CloseKind.NORMAL;
            case NO_ACKNOWLEDGEMENT, KICKED, PING_TIMEOUT, SILENT, TOO_SLOW -> CloseKind.POLICY;
        };
    }
}
