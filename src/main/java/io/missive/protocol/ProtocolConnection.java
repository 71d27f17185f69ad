package io.missive.protocol;

import io.missive.core.MessagingCore;
import io.missive.core.OpenResult;
import io.missive.core.Publication;
import io.missive.core.PublishCallback;
import io.missive.core.auth.AuthResult;
import io.missive.core.auth.LoginFailure;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.model.MessageId;
import io.missive.core.session.ClientSession;
import io.missive.core.session.CloseReason;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.core.session.SerialExecutor;
import io.missive.core.session.SessionOutbound;
import io.missive.transport.CloseKind;
import io.missive.transport.Sink;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * A connection with a login and a core session, on the {@link ConnectionLifecycle} every connection
 * shares: the credential check off the mailbox (what the peer sends meanwhile waits), the limit of
 * connections awaiting their login per address, a refused login's answer after the failure delay,
 * the user's session and its delivery, publishing through the core. A protocol extends it with its
 * state machine: {@link #handle} for what the peer sends, {@link #push} for what the core delivers,
 * and its answers to a refused login, a server error and a server-side close.
 *
 * @param <I> what the protocol's decoder delivers
 * @param <O> what the protocol writes to its sink
 */
public abstract class ProtocolConnection<I, O> extends ConnectionLifecycle<I, O> implements SessionOutbound {

    private final Login login;
    private final LoginProgress<I> loginProgress;

    // --- mailbox-confined ---
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
        super(core, sink, protocol, transport, login.timeoutMillis(), movable);
        this.login = login;
        this.loginProgress = new LoginProgress<>(core.awaitingLogins(), peerHost());
        if (login.timeoutMillis() > 0 && !loginProgress.admit()) {
            // past missive.connection.max-awaiting-login-per-address: one log line, no answer
            refuseUnread(() -> core.logRefusedAwaitingLogin(LOG, this::describeUnnamed),
                    "too many connections awaiting their login from this address");
        }
    }

    // --- what a protocol writes ---

    /** The answer to a refused login (the protocol's code for {@code failure}), sent before the close. */
    protected abstract List<O> loginRefused(LoginFailure failure);

    /** What the protocol sends when the server ends the connection for {@code reason}; may be empty. */
    protected abstract List<O> farewell(CloseReason reason);

    @Override
    protected String who() {
        return session != null ? " (uid " + session.uid() + ")" : "";
    }

    // --- the login ---

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
            if (phase() != Phase.CLOSED) {
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

    @Override
    final boolean heldBack(I message) {
        return loginProgress.holdBack(message);
    }

    private void handleWaiting() {
        for (I next = loginProgress.nextWaiting(); next != null; next = loginProgress.nextWaiting()) {
            release();
            if (phase() != Phase.CLOSED) {
                handle(next);
            }
        }
    }

    @Override
    final void deadlinePassed() {
        if (delayedRefusal != null) {
            if (!isClosed()) {
                delayedRefusal.run();
            }
        } else if (phase() == Phase.LOGIN && login.timeoutMillis() > 0) {
            closeConnection(CloseKind.POLICY, "no " + login.command() + " within " + login.timeoutMillis() + " ms",
                    List.of());
        } else {
            super.deadlinePassed();
        }
    }

    /** Marks the login done, ending the login deadline (without a core session: an anonymous MQTT client). */
    protected final void opened() {
        if (phase() == Phase.LOGIN) {
            enterOpen();
            loginProgress.over();
        }
    }

    /**
     * Opens the user's core session after a login check, on this connection's mailbox. Answers null
     * when the connection is open (the protocol then answers its login and calls
     * {@link #startDelivery}), or why the login is refused (the protocol then calls {@link #refuseLogin}).
     *
     * @param policy the duplicate-login rule; null for the configured one
     */
    protected final LoginFailure openSession(AuthResult result, ConnectionKind kind, DuplicateLoginPolicy policy) {
        return openSession(result, kind, policy, ownMailbox());
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

    /** The core session of a logged-in connection; null before the login, or for a connection without one. */
    protected final ClientSession session() {
        return session;
    }

    /**
     * Refuses the login with the protocol's answer for {@code failure}; logs it once, with {@code detail}.
     * Unless the user is connected already, the answer waits {@code missive.auth.failure-delay} (as
     * Dovecot's {@code auth_failure_delay}), what the peer sends meanwhile dropped and the connection still
     * counting as awaiting its login: a client retrying bad logins in a loop gets one try per delay per
     * connection, and at most {@code max-awaiting-login-per-address} connections per address.
     */
    protected final void refuseLogin(LoginFailure failure, String detail) {
        if (isClosed() || delayedRefusal != null) {
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
        delayedRefusal = () -> end(CloseKind.NORMAL, why, answer);
        holdUntil(core.clock().millis() + delay);
    }

    // --- the session, and the close ---

    @Override
    final void tooSlow() {
        if (session != null && phase() == Phase.OPEN) {
            session.disconnect(CloseReason.TOO_SLOW);   // the core closes the session, then calls close()
        } else {
            super.tooSlow();
        }
    }

    @Override
    final void closing() {
        loginProgress.over();
        if (session != null) {
            session.transportClosed();
        }
    }

    /** The server ends the connection (kicked, replaced, resends exhausted, shutdown). On the mailbox. */
    @Override
    public final void close(CloseReason reason) {
        closeConnection(closeKind(reason), reason.text(), farewell(reason));
    }

    private static CloseKind closeKind(CloseReason reason) {
        return switch (reason) {
            case PROTOCOL_ERROR -> CloseKind.PROTOCOL_ERROR;
            case SHUTDOWN, DATABASE_UNREACHABLE -> CloseKind.GOING_AWAY;
            case REPLACED, CONNECTED_ELSEWHERE -> CloseKind.NORMAL;
            case NO_ACKNOWLEDGEMENT, KICKED, PING_TIMEOUT, SILENT, TOO_SLOW -> CloseKind.POLICY;
        };
    }

    // --- publishing and pushing ---

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

    private PublishCallback held(PublishCallback callback) {
        hold();
        return releasedBefore(callback);
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
}
