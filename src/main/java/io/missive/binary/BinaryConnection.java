package io.missive.binary;

import io.missive.core.Publication;
import io.missive.core.MessagingCore;
import io.missive.core.PublishCallback;
import io.missive.core.Refusal;
import io.missive.core.auth.AuthResult;
import io.missive.core.auth.LoginFailure;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.LiveConnection;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.session.CloseReason;
import io.missive.protocol.ProtocolConnection;
import io.missive.protocol.Protocols;
import io.missive.transport.CloseKind;
import io.missive.transport.Sink;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One connection speaking the binary protocol (seed 002), on any transport: its state machine on
 * the shared {@link ProtocolConnection}. CONNECT logs in (the CONNECT_ACK codes are
 * {@link #loginRefused}'s), publishes are answered after their commit, pushes are acknowledged
 * with PUB_ACK, and the server PINGs every {@code ping-interval}, closing a client that does not
 * answer within {@code ping-timeout}.
 */
public final class BinaryConnection extends ProtocolConnection<byte[], ByteBuffer> {

    private static final Logger LOG = Logger.getLogger(BinaryConnection.class.getName());
    public static final String PROTOCOL = Protocols.BINARY.name();

    private final BinarySettings settings;
    private final boolean trusted;
    /** A trusted server's connection as operators see it, until it logs in (if ever); a session has its own. */
    private final LiveConnection serverConnection;

    // --- mailbox-confined ---
    private boolean richPush;
    private boolean awaitingPong;
    private long nextPingAt;

    /**
     * @param transport a short name for logs and status pages ("ws", "wss", "tcp", "tls")
     * @param trusted   whether the connection comes from a trusted server (a listener configured so): then
     *                  PUBLISH, GROUP_PUBLISH and GROUP_PART_PUBLISH are accepted without CONNECT, sent by the
     *                  system user (seed 002, section 4), and there is no login deadline
     */
    public BinaryConnection(MessagingCore core, BinarySettings settings, Sink<ByteBuffer> sink, String transport,
                            boolean trusted) {
        super(core, sink, PROTOCOL, transport, new Login("CONNECT", trusted ? 0 : settings.connectTimeoutMillis()));
        this.settings = settings;
        this.trusted = trusted;
        this.serverConnection = trusted
                ? core.connections().open(peer(ConnectionKind.SERVER), 0, sink.remoteAddress(),
                        reason -> run(() -> close(reason)))
                : null;
    }

    // --- the protocol's answers ---

    @Override
    protected List<ByteBuffer> loginRefused(LoginFailure failure) {
        ConnectCode code = switch (failure) {
            case BAD_CREDENTIALS -> ConnectCode.BAD_CREDENTIALS;
            case DISABLED -> ConnectCode.ACCOUNT_DISABLED;
            case UNAVAILABLE -> ConnectCode.AUTH_SERVICE_UNAVAILABLE;
            case DUPLICATE -> ConnectCode.DUPLICATE_LOGIN;
        };
        return List.of(encode(new BinaryFrame.ConnectAck(code.code())));
    }

    @Override
    protected List<ByteBuffer> serverError() {
        return phase() == Phase.LOGIN
                ? List.of(encode(new BinaryFrame.ConnectAck(ConnectCode.SERVER_UNAVAILABLE.code())))
                : List.of(encode(BinaryFrame.Disconnect.INSTANCE));
    }

    @Override
    protected List<ByteBuffer> farewell(CloseReason reason) {
        return List.of(encode(BinaryFrame.Disconnect.INSTANCE));
    }

    @Override
    protected String who() {
        return session() == null && trusted ? " (trusted)" : super.who();
    }

    // --- frames ---

    /**
     * Publishes, acknowledgements and pings run on the transport's thread: they only write (a publish
     * whose checks would read the directory goes on on the pool). CONNECT and the rest do not.
     */
    @Override
    protected boolean handlesWithoutBlocking(byte[] bytes) {
        if (bytes.length == 0) {
            return false;
        }
        int type = bytes[0] & 0xFF;
        return type == FrameType.PUBLISH.code() || type == FrameType.PUB_ACK.code()
                || type == FrameType.GROUP_PUBLISH.code() || type == FrameType.GROUP_PART_PUBLISH.code()
                || type == FrameType.PING.code() || type == FrameType.PING_RESP.code();
    }

    /** A push is encoded and written, nothing read. */
    @Override
    public boolean pushesWithoutBlocking() {
        return true;
    }

    @Override
    protected void handle(byte[] bytes) {
        BinaryFrame frame;
        try {
            frame = BinaryCodec.decodeClientFrame(bytes);
        } catch (MalformedFrameException e) {
            boolean badConnect = phase() == Phase.LOGIN && bytes.length > 0 && bytes[0] == FrameType.CONNECT.code();
            closeConnection(CloseKind.PROTOCOL_ERROR, e.getMessage(), badConnect
                    ? List.of(encode(new BinaryFrame.ConnectAck(ConnectCode.MALFORMED_CONNECT.code()))) : List.of());
            return;
        }
        if (phase() == Phase.LOGIN) {
            if (frame instanceof BinaryFrame.Connect connect) {
                login(connect);
            } else if (trusted) {
                handleTrusted(frame);
            } else {
                unexpected(frame, "the first frame must be CONNECT");
            }
            return;
        }
        if (publish(frame)) {
            return;
        }
        if (frame instanceof BinaryFrame.PubAck ack) {
            session().acknowledge(ack.msgId());
        } else if (frame instanceof BinaryFrame.PingResp) {
            awaitingPong = false;
            nextPingAt = core.clock().millis() + settings.pingIntervalMillis();
            wakeAt(nextPingAt);
        } else if (frame instanceof BinaryFrame.Ping) {
            send(encode(BinaryFrame.PingResp.INSTANCE));
        } else if (frame instanceof BinaryFrame.Disconnect) {
            closeAsAsked("client disconnected", List.of());
        } else {
            unexpected(frame, "after login");
        }
    }

    /** An acknowledgement that arrives after the close still counts (see the base class). */
    @Override
    protected void receivedAfterClose(byte[] bytes) {
        if (session() == null || bytes.length == 0 || bytes[0] != FrameType.PUB_ACK.code()) {
            return;
        }
        try {
            if (BinaryCodec.decodeClientFrame(bytes) instanceof BinaryFrame.PubAck ack) {
                session().acknowledge(ack.msgId());
            }
        } catch (MalformedFrameException e) {
            // closed already: nothing to answer
        }
    }

    /** A frame before any CONNECT from a trusted server: publishes as the system user, pings, disconnect. */
    private void handleTrusted(BinaryFrame frame) {
        if (publish(frame)) {
            return;
        }
        if (frame instanceof BinaryFrame.Ping) {
            send(encode(BinaryFrame.PingResp.INSTANCE));
        } else if (frame instanceof BinaryFrame.Disconnect) {
            closeAsAsked("client disconnected", List.of());
        } else {
            unexpected(frame, "from a trusted server before CONNECT");
        }
    }

    private void unexpected(BinaryFrame frame, String rule) {
        closeConnection(CloseKind.PROTOCOL_ERROR, "unexpected " + frame.getClass().getSimpleName() + " (" + rule + ")",
                List.of());
    }

    /** Publishes the frame if it is one of the three publishes; answers whether it was. */
    private boolean publish(BinaryFrame frame) {
        if (frame instanceof BinaryFrame.Publish p) {
            publish(p.msgId(), new Target.User(p.toUid()), p.payload(), BinaryFrame.PubAck::new);
        } else if (frame instanceof BinaryFrame.GroupPublish p) {
            publish(p.msgId(), new Target.Group(p.groupId()), p.payload(), BinaryFrame.GroupPubAck::new);
        } else if (frame instanceof BinaryFrame.GroupPartPublish p) {
            publish(p.msgId(), new Target.GroupPart(p.groupId(), p.toUids()), p.payload(), BinaryFrame.GroupPartPubAck::new);
        } else {
            return false;
        }
        return true;
    }

    /** Checks the credentials on the core's own threads; frames sent meanwhile wait for the answer. */
    private void login(BinaryFrame.Connect connect) {
        checkCredentials(connect.username(), connect.password(), result -> loggedIn(connect, result));
    }

    private void loggedIn(BinaryFrame.Connect connect, AuthResult result) {
        LoginFailure failure = openSession(result, ConnectionKind.USER, null);
        if (failure != null) {
            refuseLogin(failure, "user " + connect.username() + detail(result));
            return;
        }
        core.connections().closed(serverConnection);   // a trusted server that logged in is a user now
        richPush = connect.wantsRichPush();
        send(encode(new BinaryFrame.ConnectAck(ConnectCode.ACCEPTED.code())));
        nextPingAt = core.clock().millis() + settings.pingIntervalMillis();
        wakeAt(nextPingAt);
        startDelivery();
    }

    /** Publishes as the logged-in user, or as the system user on a trusted connection without a login. */
    private void publish(MessageId id, Target target, byte[] payload, Function<MessageId, BinaryFrame> ack) {
        PublishCallback answer = new PublishCallback() {
            @Override
            public void accepted(Message stored) {
                send(encode(ack.apply(id)));
            }

            @Override
            public void refused(Refusal refusal, String detail) {
                send(encode(new BinaryFrame.PubRefused(id, refusalCode(refusal).code(), detail)));
            }

            @Override
            public boolean mayBlock() {
                return false;
            }
        };
        if (session() != null) {
            publish(Publication.of(id, target, payload), answer);
        } else {
            serverConnection.received();
            publishAsSystem(Publication.of(id, target, payload), answer);
        }
    }

    private static RefusalCode refusalCode(Refusal refusal) {
        return switch (refusal) {
            case UNKNOWN_RECIPIENT -> RefusalCode.UNKNOWN_RECIPIENT;
            case NOT_A_MEMBER -> RefusalCode.NOT_A_MEMBER;
            case UNKNOWN_GROUP -> RefusalCode.UNKNOWN_GROUP;
            case PAYLOAD_TOO_LARGE -> RefusalCode.PAYLOAD_TOO_LARGE;
            case NOT_ALLOWED -> RefusalCode.NOT_ALLOWED;
            case NOT_STORED -> RefusalCode.SERVER_ERROR;
            // the binary protocol cannot address a channel; kept total for the compiler
            case NO_SUBSCRIBER -> RefusalCode.UNKNOWN_RECIPIENT;
        };
    }

    // --- outbound, from the core (on the mailbox) ---

    @Override
    public void push(Message m) {
        if (richPush) {
            send(encode(new BinaryFrame.RichPush(m.id(), m.senderUid(), m.groupId(), m.seq(), m.createdAtMillis(),
                    m.payload())));
        } else {
            send(encode(new BinaryFrame.Push(m.id(), m.payload())));
        }
    }

    /** The ping rule: a PING every interval; no PING_RESP within the timeout closes the connection. */
    @Override
    protected long onTimer(long nowMillis) {
        if (awaitingPong) {
            LOG.fine(() -> "No PING_RESP from " + describe() + " within " + settings.pingTimeoutMillis() + " ms");
            session().disconnect(CloseReason.PING_TIMEOUT);
            return Long.MAX_VALUE;
        }
        if (nowMillis >= nextPingAt) {
            send(encode(BinaryFrame.Ping.INSTANCE));
            awaitingPong = true;
            return nowMillis + settings.pingTimeoutMillis();
        }
        return nextPingAt;
    }

    @Override
    protected void transportClosed() {
        core.connections().closed(serverConnection);
    }

    private static ByteBuffer encode(BinaryFrame frame) {
        return BinaryCodec.encode(frame);
    }
}
