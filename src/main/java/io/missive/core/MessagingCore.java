package io.missive.core;

import io.missive.core.auth.AuthResult;
import io.missive.core.auth.CredentialChecks;
import io.missive.core.auth.LoginThrottle;
import io.missive.core.auth.Authenticator;
import io.missive.core.connection.AwaitingLogins;
import io.missive.core.auth.DeviceAuthenticator;
import io.missive.core.connection.ConnectionRegistry;
import io.missive.core.connection.Peer;
import io.missive.core.logging.ThrottledLog;
import io.missive.core.model.Message;
import io.missive.core.routing.ClusterRelay;
import io.missive.core.routing.Router;
import io.missive.core.session.ClientSession;
import io.missive.core.session.ClusterPresence;
import io.missive.core.session.CloseReason;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.core.session.EventLoop;
import io.missive.core.session.SerialExecutor;
import io.missive.core.session.SessionContext;
import io.missive.core.session.SessionOutbound;
import io.missive.core.session.SessionRegistry;
import io.missive.core.stats.MessagingObserver;
import io.missive.core.store.ChannelDirectory;
import io.missive.core.store.Directories;
import io.missive.core.store.MessageStore;
import io.missive.core.timer.DeadlineWheel;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one core behind every protocol. An adapter authenticates a client, opens a session,
 * and turns the client's frames into {@link #publish} and {@link ClientSession#acknowledge};
 * the core stores, routes and delivers, calling back through {@link SessionOutbound}.
 */
public final class MessagingCore {

    private static final Logger LOG = Logger.getLogger(MessagingCore.class.getName());

    /**
     * The reserved system user (sql/V2__system_user.sql): the sender of trusted server-to-server
     * publishes ({@link #publishAsSystem}). It cannot log in, so it receives nothing.
     */
    public static final long SYSTEM_UID = 1;

    private final MessageStore store;
    private final GroupAccess groupAccess;
    private final ChannelDirectory channels;
    private final CredentialChecks credentials;
    private final AwaitingLogins awaitingLogins;
    private final DeviceAuthenticator deviceAuthenticator;
    private final Executor executor;
    private final InstantSource clock;
    private final CoreSettings settings;
    private final SessionRegistry sessions;
    private final Router router;
    private final DeadlineWheel deadlines = new DeadlineWheel();
    private final SessionContext sessionContext;
    private final ConnectionRegistry connections;
    private final MessagingObserver observer;
    private final ClusterPresence presence;
    private final PublishPath publishing;
    private final Map<String, ThrottledLog> peerCausedLogs = new ConcurrentHashMap<>();

    /**
     * @param relay     how commits reach sessions here and on the other nodes
     * @param presence  the other nodes' sessions, for the duplicate-login policy
     * @param executors the threads the core's work runs on
     */
    public MessagingCore(MessageStore store, Directories directories, Authenticator authenticator,
                         DeviceAuthenticator deviceAuthenticator, ClusterRelay relay, ClusterPresence presence,
                         CoreExecutors executors, InstantSource clock, CoreSettings settings,
                         MessagingObserver observer) {
        this.store = store;
        this.presence = presence;

        this.groupAccess = new GroupAccess(directories.groups());
        this.channels = directories.channels();
        this.deviceAuthenticator = deviceAuthenticator;
        this.executor = executors.mailboxes();
        this.clock = clock;
        this.settings = settings;
        this.credentials = new CredentialChecks(authenticator,
                new LoginThrottle(settings.addressLogins(), settings.usernameLogins()), executors.credentialChecks(), clock,
                observer);
        this.awaitingLogins = new AwaitingLogins(settings.maxAwaitingLoginPerAddress(), observer);
        this.sessions = new SessionRegistry(settings.duplicateLogin());
        this.router = new Router(sessions, directories, relay, executors.recipientReads());
        this.publishing = new PublishPath(new PublishChecks(directories.users(), channels, groupAccess, settings), store,
                router, clock, settings, observer);
        this.connections = new ConnectionRegistry(clock);
        this.observer = observer;
        this.sessionContext = new SessionContext(store, settings.delivery(), clock, deadlines, this::sessionClosed,
                connections, observer, executors.pendingReads());
        router.start();
        presence.bind(new ClusterPresence.Elsewhere() {
            @Override
            public void replaced(long uid, String protocol, long openedAtMillis) {
                replacedElsewhere(uid, protocol, openedAtMillis);
            }

            @Override
            public void refused(long uid, String protocol, long openedAtMillis) {
                refusedElsewhere(uid, protocol, openedAtMillis);
            }
        });
    }

    private void sessionClosed(ClientSession session) {
        sessions.unregister(session);
        connections.closed(session.connection());
        String protocol = session.protocol();
        if (Arrays.stream(sessions.sessionsOf(session.uid())).noneMatch(s -> s.protocol().equals(protocol))) {
            presence.closedHere(session.uid(), protocol);
        }
    }

    /**
     * Another node opened a session of the user at {@code openedAtMillis} under the replace policy: the
     * user's sessions of {@code protocol} here that are older go.
     */
    public void replacedElsewhere(long uid, String protocol, long openedAtMillis) {
        for (ClientSession s : sessions.sessionsOf(uid)) {
            if (s.protocol().equals(protocol) && s.connection().connectedAtMillis() <= openedAtMillis) {
                s.disconnect(CloseReason.REPLACED);
            }
        }
    }

    /**
     * Another node has had a session of the user since {@code openedAtMillis} under the refuse policy
     * (found out as a split grid heals): the user's sessions of {@code protocol} here that are newer go.
     */
    public void refusedElsewhere(long uid, String protocol, long openedAtMillis) {
        for (ClientSession s : sessions.sessionsOf(uid)) {
            if (s.protocol().equals(protocol) && s.connection().connectedAtMillis() > openedAtMillis) {
                s.disconnect(CloseReason.CONNECTED_ELSEWHERE);
            }
        }
    }

    public CoreSettings settings() {
        return settings;
    }

    /**
     * The throttled log of one kind of line that a peer can cause at will, by its log id (a refused login,
     * a closed connection): one per core, so that the throttle runs on the core's clock.
     */
    public ThrottledLog peerCausedLog(String id, Logger logger, Level level) {
        return peerCausedLogs.computeIfAbsent(id, key -> new ThrottledLog(logger, level, clock));
    }

    public InstantSource clock() {
        return clock;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public Router router() {
        return router;
    }

    /** Who may see or post to a group: the rule every edge asks. */
    public GroupAccess groupAccess() {
        return groupAccess;
    }

    /** Every live connection of this node, of every protocol. */
    public ConnectionRegistry connections() {
        return connections;
    }

    /** The deadlines of connections and sessions; advanced from outside. */
    public DeadlineWheel deadlines() {
        return deadlines;
    }

    /** A new in-order executor for one connection, on the core's pool. */
    public SerialExecutor newMailbox() {
        return new SerialExecutor(executor);
    }

    /**
     * A new in-order executor for one connection whose non-blocking work runs on {@code loop}, the
     * transport's thread for it (null: all of it on the core's pool).
     */
    public SerialExecutor newMailbox(EventLoop loop) {
        return new SerialExecutor(executor, loop);
    }

    /**
     * Whether a new connection from {@code host} is refused before anything is made for it, because its
     * address has {@code missive.connection.max-awaiting-login-per-address} connections awaiting their
     * login already; then logged ({@code MSV1022}, throttled) and counted. {@code peer} names it for
     * the log line. Any thread.
     */
    public boolean refusesNewConnection(String host, Supplier<String> peer) {
        if (!awaitingLogins.refusesNew(host)) {
            return false;
        }
        logRefusedAwaitingLogin(LOG, peer);
        return true;
    }

    /**
     * The {@code MSV1022} line (throttled, on {@code logger} as {@link #peerCausedLog} takes it) for a new
     * connection refused because its address has the most connections awaiting their login already.
     */
    public void logRefusedAwaitingLogin(Logger logger, Supplier<String> peer) {
        peerCausedLog("MSV1022", logger, Level.INFO).log(() -> "MSV1022 Refused " + peer.get() + ": "
                + awaitingLogins.maxPerAddress() + " connections from its address await their login already"
                + " (missive.connection.max-awaiting-login-per-address)");
    }

    /** Connections awaiting their login, per peer address: the protocols count theirs here. */
    public AwaitingLogins awaitingLogins() {
        return awaitingLogins;
    }

    /**
     * Checks credentials from a peer at {@code address} (its IP address) on the credential-check
     * executor, not on the calling thread; {@code answer} runs on {@code replyOn}. A login whose address
     * or username failed too often lately is answered {@link AuthResult.Throttled} without a check; one
     * that finds the executor full, {@link AuthResult.Unavailable} ({@link CredentialChecks#BUSY}).
     */
    public void authenticate(String username, String password, String address, Executor replyOn,
                             Consumer<AuthResult> answer) {
        credentials.check(username, password, address, replyOn, answer);
    }

    /**
     * As {@link #authenticate(String, String, String, Executor, Consumer)}, waiting for the answer: for a
     * caller on a thread of its own (a REST request), never a mailbox.
     */
    public AuthResult authenticate(String username, String password, String address) {
        return credentials.checkAndWait(username, password, address);
    }

    /**
     * Checks a push device's id and token from a peer at {@code address} as a login is checked
     * ({@link #authenticate(String, String, String, Executor, Consumer)}: throttled, on the credential-check
     * executor); {@code answer} runs on {@code replyOn}. Never blocks.
     */
    public void authenticateDevice(long deviceId, String token, boolean tokenRequired, String address,
                                   Executor replyOn, Consumer<AuthResult> answer) {
        credentials.checkDevice(deviceAuthenticator, deviceId, token, tokenRequired, address, replyOn, answer);
    }

    /** Subscribes a user (a device) to a push channel, durably. May block: call it on a mailbox. */
    public boolean subscribe(long uid, long channelId) {
        return channels.subscribe(channelId, uid);
    }

    /** Ends a subscription. May block: call it on a mailbox. */
    public boolean unsubscribe(long uid, long channelId) {
        return channels.unsubscribe(channelId, uid);
    }

    /**
     * Opens a session for an authenticated user under the configured duplicate-login policy.
     * The adapter answers its login, then calls {@link ClientSession#start()} to begin delivery.
     */
    public OpenResult open(long uid, String username, Peer peer, SessionOutbound outbound, SerialExecutor mailbox) {
        return open(uid, username, peer, outbound, mailbox, sessions.policy());
    }

    /**
     * Opens a session under the given duplicate-login policy, for protocols whose clients
     * expect their own rule (a push device that reconnects replaces its old connection).
     */
    public OpenResult open(long uid, String username, Peer peer, SessionOutbound outbound, SerialExecutor mailbox,
                           DuplicateLoginPolicy policy) {
        ClientSession session = new ClientSession(uid, username, peer, outbound, mailbox, sessionContext);
        if (policy == DuplicateLoginPolicy.REFUSE && presence.onlineElsewhere(uid, session.protocol())) {
            return new OpenResult.Duplicate();
        }
        SessionRegistry.Registration registration = sessions.register(session, policy);
        if (registration instanceof SessionRegistry.Registration.Registered registered) {
            connections.register(session.connection());
            registered.replaced().forEach(old -> old.disconnect(CloseReason.REPLACED));
            presence.opened(uid, session.protocol(), policy, session.connection().connectedAtMillis());
            return new OpenResult.Opened(session);
        }
        return new OpenResult.Duplicate();
    }

    /**
     * Publishes from a session. The callback comes on the session's mailbox: accepted once the
     * message is committed, or refused with the reason.
     */
    public void publish(ClientSession from, Publication publication, PublishCallback callback) {
        from.connection().received();
        publishing.publish(new PublishPath.Sender(from.uid(), true, from.id(), from.mailbox()), publication, callback);
    }

    /**
     * Publishes from a session to any group, member or not: for a protocol whose clients name the
     * group they join themselves, without credentials (msgd), so that membership guards nothing
     * there. The callback comes on the session's mailbox.
     */
    public void publishToAnyGroup(ClientSession from, Publication publication, PublishCallback callback) {
        from.connection().received();
        publishing.publish(new PublishPath.Sender(from.uid(), false, from.id(), from.mailbox()), publication, callback);
    }

    /** How many sessions of this node receive {@code message}, the sending session aside. May block: on a mailbox. */
    public int onlineRecipients(Message message, ClientSession sender) {
        return router.onlineRecipients(message, sender.id());
    }

    /**
     * Publishes as the {@linkplain #SYSTEM_UID system user}, for a trusted server-to-server caller:
     * to any user, and to any group without being its member. The callback runs on {@code replyOn}.
     */
    public void publishAsSystem(Executor replyOn, Publication publication, PublishCallback callback) {
        publishing.publish(new PublishPath.Sender(SYSTEM_UID, false, 0, replyOn), publication, callback);
    }

    /**
     * Publishes for a business back end: as {@code senderUid}, who must then be a member of a
     * target group, or as the {@linkplain #SYSTEM_UID system user}, who may write to any user or
     * group. A publication's {@code clientMsgId} makes a retry idempotent: the sender's second publish
     * with the same one stores nothing and is accepted with the message stored the first time, which
     * is not delivered again. The callback runs on {@code replyOn}.
     */
    public void publishForBackEnd(long senderUid, Executor replyOn, Publication publication, PublishCallback callback) {
        publishing.publish(new PublishPath.Sender(senderUid, senderUid != SYSTEM_UID, 0, replyOn), publication, callback);
    }

    /** Deletes the messages whose time to live has run out; answers how many. */
    public int purgeExpired() {
        int purged = store.purgeExpired(clock.millis());
        if (purged > 0) {
            observer.expired(purged);
        }
        return purged;
    }

    /** Disconnects every session, as the server stops. */
    public void shutdown() {
        disconnectAll(CloseReason.SHUTDOWN);
    }

    /** Disconnects every session of this node, telling each client why. */
    public void disconnectAll(CloseReason reason) {
        sessions.forEach(s -> {
            try {
                s.disconnect(reason);
            } catch (RejectedExecutionException mailboxesStopped) {
                // the container stopped the mailboxes first; the transports close this session as they stop
            }
        });
    }
}
