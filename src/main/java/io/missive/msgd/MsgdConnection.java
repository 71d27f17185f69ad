package io.missive.msgd;

import io.missive.core.MessagingCore;
import io.missive.core.Publication;
import io.missive.core.PublishCallback;
import io.missive.core.Refusal;
import io.missive.core.auth.AuthResult;
import io.missive.core.auth.LoginFailure;
import io.missive.core.connection.ClientType;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.session.CloseReason;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.core.session.SerialExecutor;
import io.missive.core.store.NamedMembers;
import io.missive.protocol.LruMap;
import io.missive.protocol.ProtocolConnection;
import io.missive.protocol.Protocols;
import io.missive.transport.CloseKind;
import io.missive.transport.Sink;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * One connection of a client built on msgd's library (seed 000), on the shared
 * {@link ProtocolConnection}: it joins a group as a user with a client type and its own cipher
 * key, keeps alive, sends p2p messages to (group, user) and publishes to groups; SUBSCRIBER and
 * BOTH clients get deliveries enciphered with their key. Every request is answered with msgd's
 * reply code after the work is done (a message: after its commit), and a bad one closes the
 * connection as the original server did. Deliveries are at most once: msgd's clients do not
 * acknowledge them, so one counts as delivered once written.
 */
public final class MsgdConnection extends ProtocolConnection<MsgdInput, ByteBuffer> {

    private static final Logger LOG = Logger.getLogger(MsgdConnection.class.getName());
    public static final String PROTOCOL = Protocols.MSGD.name();
    /** The completion's result when the message reached at least one online recipient. */
    static final int DELIVERED = 0;
    /** The completion's result when no recipient was online. */
    static final int NOBODY_ONLINE = -3;
    /** The largest delivery a msgd client reads: the trpc limit less the msgd header. */
    private static final int MAX_DELIVERY_BYTES = 40_959 - 20;
    private static final int MAX_CACHED_DESTINATIONS = 256;

    private final MsgdSettings settings;
    private final NamedMembers names;

    // --- mailbox-confined ---
    /** The request being handled, so that a refusal or a server error answers it. */
    private MsgdInput.Request current;
    private ClientType clientType;
    private byte[] key;
    private String groupName;
    private String userName;
    private int pushSeq;
    /**
     * Destinations this client wrote to, resolved from their names: looking a name up costs several
     * queries, more than storing the message. A member that left its group since is filtered out by
     * the core's publish check, so a stale entry sends to nobody, never to the wrong user.
     */
    private final Map<String, Target> destinations = new LruMap<>(MAX_CACHED_DESTINATIONS);
    private boolean badMagicLogged;

    public MsgdConnection(MessagingCore core, MsgdSettings settings, NamedMembers names, Sink<ByteBuffer> sink,
                          String transport) {
        super(core, sink, PROTOCOL, transport, new Login("join", settings.joinTimeoutMillis()));
        this.settings = settings;
        this.names = names;
    }

    // --- the protocol's answers ---

    /** msgd has one code for every refused join. */
    @Override
    protected List<ByteBuffer> loginRefused(LoginFailure failure) {
        return switch (failure) {
            case BAD_CREDENTIALS, DISABLED, UNAVAILABLE, DUPLICATE -> answer(MsgdCode.JOIN_FAILED);
        };
    }

    /** The request in hand is answered "not done": a failed join 11003, a message "not queued" 11005. */
    @Override
    protected List<ByteBuffer> serverError() {
        if (current == null) {
            return List.of();
        }
        int type = current.header().type();
        return answer(MsgdType.isJoin(type) ? MsgdCode.JOIN_FAILED : MsgdCode.BAD_PUBLISH);
    }

    /** msgd has no goodbye: the socket closes. */
    @Override
    protected List<ByteBuffer> farewell(CloseReason reason) {
        return List.of();
    }

    @Override
    protected String who() {
        return userName != null ? " (" + groupName + "/" + userName + ", " + clientType + ")" : "";
    }

    /** Liveness: a joined client silent for longer than the timeout is closed (any frame counts). */
    @Override
    protected long onTimer(long nowMillis) {
        long due = lastReceivedAt() + settings.livenessTimeoutMillis();
        if (nowMillis > due) {   // silent for more than the timeout, as msgd's server counted
            closeConnection(CloseKind.POLICY, "silent for more than " + settings.livenessTimeoutMillis() + " ms",
                    List.of());
            return Long.MAX_VALUE;
        }
        return due;
    }

    // --- requests ---

    /** A delivery is enciphered and written, nothing read. */
    @Override
    public boolean pushesWithoutBlocking() {
        return true;
    }

    /**
     * A message and a keep-alive run on the event loop: a message to a destination this connection has
     * not resolved yet, and a publish whose checks are not cached, go on on the pool ({@link #message}).
     */
    @Override
    protected boolean handlesWithoutBlocking(MsgdInput input) {
        if (!(input instanceof MsgdInput.Request request)) {
            return false;
        }
        int type = request.header().type();
        return type == MsgdType.P2P || type == MsgdType.PUBLISH || type == MsgdType.KEEPALIVE;
    }

    @Override
    protected void handle(MsgdInput input) {
        if (input instanceof MsgdInput.Malformed malformed) {
            closeConnection(CloseKind.PROTOCOL_ERROR, malformed.reason(), List.of());
        } else if (input instanceof MsgdInput.BadMagic) {
            if (!badMagicLogged) {
                badMagicLogged = true;   // one line per connection, however many such frames follow
                LOG.info(() -> "MSV1020 Dropped a msgd frame without the TSRQ magic from " + describe());
            }
        } else if (input instanceof MsgdInput.Request request) {
            current = request;
            handle(request);
            // not in a finally: when handle throws, the mailbox's failure handler runs after this frame
            // is gone, and serverError() must still see the request to answer it (11003, 11005)
            current = null;
        }
    }

    private void handle(MsgdInput.Request request) {
        MsgdHeader header = request.header();
        if (!header.versionSupported()) {
            refuse(MsgdCode.OLD_VERSION, "version " + header.version() + " is below V200");
            return;
        }
        int type = header.type();
        if (MsgdType.isJoin(type)) {
            if (phase() == Phase.OPEN) {
                refuse(MsgdCode.JOIN_FAILED, "a second join");
            } else {
                join(request);
            }
        } else if (type == MsgdType.KEEPALIVE) {
            if (phase() != Phase.OPEN) {
                refuse(MsgdCode.NOT_JOINED, "keepalive before join");
            } else {
                send(MsgdCodec.reply(request.trpcSeq(), header, MsgdCode.OK));
            }
        } else if (type == MsgdType.PUBLISH || type == MsgdType.P2P) {
            if (phase() != Phase.OPEN) {
                closeConnection(CloseKind.PROTOCOL_ERROR, "a message before join", List.of());   // as the original: no reply
            } else if (clientType != ClientType.PUBLISHER && clientType != ClientType.BOTH) {
                refuse(MsgdCode.NOT_A_PUBLISHER, "a " + clientType + " client may not publish");
            } else {
                message(request, type == MsgdType.P2P);
            }
        } else {
            refuse(MsgdCode.UNKNOWN_TYPE, "unknown message type 0x" + Integer.toHexString(type));
        }
    }

    private void join(MsgdInput.Request request) {
        MsgdBodies.Join join;
        try {
            join = MsgdBodies.join(MsgdCipher.decode(MsgdCipher.JOIN_KEY, request.data().value()));
        } catch (MalformedBodyException e) {
            refuse(MsgdCode.JOIN_FAILED, e.getMessage());   // the message names the body
            return;
        }
        groupName = join.group();
        userName = join.user();
        Optional<NamedMembers.Member> member = names.member(join.group(), join.user(), settings.createUnknown());
        if (member.isEmpty()) {
            refuseLogin(LoginFailure.BAD_CREDENTIALS, "no user " + join.user() + " in group " + join.group()
                    + " (missive.msgd.create-unknown is false)");
            return;
        }
        if (member.get().disabled()) {
            refuseLogin(LoginFailure.DISABLED, "user " + join.user());
            return;
        }
        // msgd's identity is (group, user) and several connections may hold it, as in the original
        LoginFailure failure = openSession(new AuthResult.Accepted(member.get().uid(), join.user()), ConnectionKind.USER,
                DuplicateLoginPolicy.MULTIPLE);
        if (failure != null) {
            refuseLogin(failure, "user " + join.user());
            return;
        }
        key = join.keyBytes();
        clientType = clientType(request.header().type());
        session().connection().declare(clientType);
        send(MsgdCodec.reply(request.trpcSeq(), request.header(), MsgdCode.OK));
        wakeAt(lastReceivedAt() + settings.livenessTimeoutMillis());
        if (clientType == ClientType.SUBSCRIBER || clientType == ClientType.BOTH) {
            startDelivery();
        } else {
            session().publishOnly();   // NORMAL and PUBLISHER clients never receive
        }
    }

    /** A p2p to (group, user) or a publish to a group: stored through the core, answered after the commit. */
    private void message(MsgdInput.Request request, boolean p2p) {
        byte[] plain = MsgdCipher.decode(key, request.data().value());
        String destination;
        Supplier<Optional<? extends Target>> resolve;
        int persistSeconds;
        byte[] text;
        try {
            if (p2p) {
                MsgdBodies.P2p body = MsgdBodies.p2p(plain);
                persistSeconds = body.persistSeconds();
                text = body.messageBytes();
                destination = body.group() + '\0' + body.user();
                resolve = () -> names.member(body.group(), body.user(), settings.createUnknown())
                        .map(m -> new Target.GroupPart(m.groupId(), new long[]{m.uid()}));
            } else {
                MsgdBodies.Publish body = MsgdBodies.publish(plain);
                persistSeconds = body.persistSeconds();
                text = body.messageBytes();
                destination = body.group();
                resolve = () -> names.group(body.group(), settings.createUnknown()).map(Target.Group::new);
            }
        } catch (MalformedBodyException e) {
            refuse(MsgdCode.BAD_PUBLISH, e.getMessage());   // the message names the body
            return;
        }
        Target target = destinations.get(destination);
        if (target == null && !SerialExecutor.mayBlockHere()) {
            // on the event loop, and the name must be looked up: the request is handled again on the pool
            SerialExecutor.continueBlockingHere(() -> handle((MsgdInput) request));
            return;
        }
        if (target == null) {
            target = resolve.get().orElse(null);
            if (target != null) {
                destinations.put(destination, target);
            }
        }
        MsgdHeader header = request.header();
        int trpcSeq = request.trpcSeq();
        if (target == null) {
            // an unknown destination that is not created: queued for nobody, as the original's
            send(MsgdCodec.reply(trpcSeq, header, MsgdCode.OK));
            complete(header.seq(), NOBODY_ONLINE);
            return;
        }
        long ttlMillis = persistSeconds > 0 ? persistSeconds * 1000L : settings.unpersistedTtlMillis();
        Publication publication = Publication.of(MessageId.random(), target, text).withTtl(ttlMillis);
        boolean wholeGroup = target instanceof Target.Group;
        publishToAnyGroup(publication, new PublishCallback() {
            /** Counting a whole group's online members may read its member set; a p2p names its recipient. */
            @Override
            public boolean mayBlock() {
                return wholeGroup;
            }

            @Override
            public void accepted(Message stored) {
                send(MsgdCodec.reply(trpcSeq, header, MsgdCode.OK));
                complete(header.seq(), core.onlineRecipients(stored, session()) > 0 ? DELIVERED : NOBODY_ONLINE);
            }

            @Override
            public void refused(Refusal refusal, String detail) {
                closeConnection(CloseKind.POLICY, "message not queued: " + detail,
                        List.of(MsgdCodec.reply(trpcSeq, header, MsgdCode.BAD_PUBLISH)));
            }
        });
    }

    /** The 0x10E completion to the sender, plain text, on the server's own push counter. */
    private void complete(int msgId, int result) {
        send(MsgdCodec.push(++pushSeq, MsgdType.COMPLETION, msgId, MsgdCodec.completion(result, msgId)));
    }

    // --- outbound, from the core (on the mailbox) ---

    /** A delivery: the text alone, enciphered with this client's key; at most once, so counted as the transport takes it. */
    @Override
    public void push(Message message) {
        if (phase() != Phase.OPEN) {
            return;
        }
        byte[] payload = message.payload();
        if (payload.length <= MAX_DELIVERY_BYTES) {
            sendUnacknowledged(MsgdCodec.push(++pushSeq, MsgdType.DELIVERY, 0, MsgdCipher.encode(key, payload)),
                    message.id());
        } else {
            LOG.fine(() -> "A message of " + payload.length + " bytes is over what " + describe() + " can read");
            session().deliveredOnWrite(message.id());   // skipped for good
        }
    }

    // --- helpers ---

    /** Answers the request in hand with {@code code}, logs {@code why} once and closes, as the original did. */
    private void refuse(MsgdCode code, String why) {
        closeConnection(CloseKind.PROTOCOL_ERROR, why + " (" + code.code() + ")", answer(code));
    }

    private List<ByteBuffer> answer(MsgdCode code) {
        return current == null ? List.of() : List.of(MsgdCodec.reply(current.trpcSeq(), current.header(), code));
    }

    private static ClientType clientType(int joinType) {
        return switch (joinType) {
            case MsgdType.NORMAL_JOIN -> ClientType.NORMAL;
            case MsgdType.PUBLISHER_JOIN -> ClientType.PUBLISHER;
            case MsgdType.SUBSCRIBER_JOIN -> ClientType.SUBSCRIBER;
            default -> ClientType.BOTH;
        };
    }
}
