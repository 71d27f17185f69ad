package io.missive.binary;

import io.missive.core.MessagingCore;
import io.missive.core.OpenResult;
import io.missive.core.PublishCallback;
import io.missive.core.Refusal;
import io.missive.core.auth.AuthResult;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.LiveConnection;
import io.missive.core.connection.Peer;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.session.ClientSession;
import io.missive.core.session.CloseReason;
import io.missive.core.session.SerialExecutor;
import io.missive.core.session.SessionOutbound;
import io.missive.core.timer.Tickable;
import io.missive.transport.CloseKind;
import io.missive.transport.FrameListener;
import io.missive.transport.FrameSink;

import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection speaking the binary protocol, on any transport: translates its frames into
 * calls on the messaging core and the core's pushes into frames. Everything runs on the
 * connection's mailbox, so its state needs no lock; writes go to the {@link FrameSink}, which
 * never blocks.
 */
public final class BinarySession implements FrameListener, SessionOutbound, Tickable {

    private static final Logger LOG = Logger.getLogger(BinarySession.class.getName());
    public static final String PROTOCOL = "binary";

    private enum State { AWAITING_CONNECT, OPEN, CLOSED }

    private final MessagingCore core;
    private final BinarySettings settings;
    private final FrameSink sink;
    private final String transport;
    private final boolean trusted;
    private final SerialExecutor mailbox;

    private volatile long connectDeadline;
    /** A trusted server's connection as operators see it, until it logs in (if ever); a session has its own. */
    private volatile LiveConnection serverConnection;
    // --- mailbox-confined ---
    private State state = State.AWAITING_CONNECT;
    private ClientSession session;
    private boolean richPush;
    private boolean awaitingPong;
    private long nextPingAt;

    /**
     * A session whose first frame must be CONNECT.
     *
     * @param transport a short name for logs and status pages ("ws", "wss", "tcp")
     */
    public BinarySession(MessagingCore core, BinarySettings settings, FrameSink sink, String transport) {
        this(core, settings, sink, transport, false);
    }

    /**
     * @param transport a short name for logs and status pages ("ws", "wss", "tcp", "tls")
     * @param trusted   whether the connection comes from a trusted server (a listener configured so): then
     *                  PUBLISH, GROUP_PUBLISH and GROUP_PART_PUBLISH are accepted without CONNECT, sent by the
     *                  system user (seed 002, section 4), and there is no login deadline
     */
    public BinarySession(MessagingCore core, BinarySettings settings, FrameSink sink, String transport,
                         boolean trusted) {
        this.core = core;
        this.settings = settings;
        this.sink = sink;
        this.transport = transport;
        this.trusted = trusted;
        this.mailbox = core.newMailbox();
        if (trusted) {
            this.connectDeadline = Long.MAX_VALUE;
            this.serverConnection = core.connections().open(peer(ConnectionKind.SERVER), 0, sink.remoteAddress(),
                    reason -> mailbox.execute(() -> close(reason)));
        } else {
            this.connectDeadline = core.clock().millis() + settings.connectTimeoutMillis();
            core.deadlines().watch(this);
        }
    }

    // --- inbound, from the transport ---

    @Override
    public void onFrame(byte[] frame) {
        mailbox.execute(() -> handle(frame));
    }

    @Override
    public void onUnsupportedData(String what) {
        mailbox.execute(() -> refuseConnection(CloseKind.UNSUPPORTED_DATA, what + " is not part of the binary protocol"));
    }

    @Override
    public void onOversizedFrame(long size, long limit) {
        mailbox.execute(() -> refuseConnection(CloseKind.TOO_BIG,
                "a frame of " + size + " bytes; the limit is " + limit));
    }

    @Override
    public void onBackpressure() {
        mailbox.execute(() -> {
            if (state == State.OPEN) {
                LOG.warning(() -> "Disconnecting " + describe() + ": " + CloseReason.TOO_SLOW.text());
                session.disconnect(CloseReason.TOO_SLOW);
            } else {
                refuseConnection(CloseKind.POLICY, CloseReason.TOO_SLOW.text());
            }
        });
    }

    @Override
    public void onClosed() {
        mailbox.execute(() -> {
            state = State.CLOSED;
            core.deadlines().forget(this);
            core.connections().closed(serverConnection);
            if (session != null) {
                session.transportClosed();
            }
        });
    }

    // --- the login timer ---

    @Override
    public long deadline() {
        return connectDeadline;
    }

    @Override
    public void fire(long nowMillis) {
        connectDeadline = Long.MAX_VALUE;
        mailbox.execute(() -> {
            if (state == State.AWAITING_CONNECT) {
                refuseConnection(CloseKind.POLICY, "no CONNECT within " + settings.connectTimeoutMillis() + " ms");
            }
        });
    }

    // --- frames ---

    private void handle(byte[] bytes) {
        if (state == State.CLOSED) {
            return;
        }
        BinaryFrame frame;
        try {
            frame = BinaryCodec.decodeClientFrame(bytes);
        } catch (MalformedFrameException e) {
            if (state == State.AWAITING_CONNECT && bytes.length > 0 && bytes[0] == FrameType.CONNECT.code()) {
                send(new BinaryFrame.ConnectAck(ConnectCode.MALFORMED_CONNECT.code()));
            }
            refuseConnection(CloseKind.PROTOCOL_ERROR, e.getMessage());
            return;
        }
        if (state == State.AWAITING_CONNECT) {
            if (frame instanceof BinaryFrame.Connect connect) {
                login(connect);
            } else if (trusted) {
                handleTrusted(frame);
            } else {
                refuseConnection(CloseKind.PROTOCOL_ERROR, "the first frame must be CONNECT, not " + frame.getClass().getSimpleName());
            }
            return;
        }
        if (publish(frame)) {
            return;
        }
        if (frame instanceof BinaryFrame.PubAck ack) {
            session.acknowledge(ack.msgId());
        } else if (frame instanceof BinaryFrame.PingResp) {
            pongReceived();
        } else if (frame instanceof BinaryFrame.Ping) {
            send(BinaryFrame.PingResp.INSTANCE);
        } else if (frame instanceof BinaryFrame.Disconnect) {
            state = State.CLOSED;
            session.transportClosed();
            sink.close(CloseKind.NORMAL, "client disconnected");
        } else {
            refuseConnection(CloseKind.PROTOCOL_ERROR, "unexpected " + frame.getClass().getSimpleName() + " after login");
        }
    }

    /** A frame before any CONNECT from a trusted server: publishes as the system user, pings, disconnect. */
    private void handleTrusted(BinaryFrame frame) {
        if (publish(frame)) {
            return;
        }
        if (frame instanceof BinaryFrame.Ping) {
            send(BinaryFrame.PingResp.INSTANCE);
        } else if (frame instanceof BinaryFrame.Disconnect) {
            state = State.CLOSED;
            sink.close(CloseKind.NORMAL, "client disconnected");
        } else {
            refuseConnection(CloseKind.PROTOCOL_ERROR, "unexpected " + frame.getClass().getSimpleName()
                    + " from a trusted server before CONNECT");
        }
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

    private void login(BinaryFrame.Connect connect) {
        AuthResult result = core.authenticate(connect.username(), connect.password());
        if (result instanceof AuthResult.Accepted accepted) {
            OpenResult opened = core.open(accepted.uid(), accepted.username(), peer(ConnectionKind.USER), this, mailbox);
            if (opened instanceof OpenResult.Opened o) {
                session = o.session();
                core.connections().closed(serverConnection);   // a trusted server that logged in is a user now
                state = State.OPEN;
                richPush = (connect.flags() & BinaryFrame.Connect.FLAG_RICH_PUSH) != 0;
                core.deadlines().forget(this);
                send(new BinaryFrame.ConnectAck(ConnectCode.ACCEPTED.code()));
                nextPingAt = core.clock().millis() + settings.pingIntervalMillis();
                session.wakeAdapterAt(nextPingAt);
                session.start();
            } else {
                rejectLogin(ConnectCode.DUPLICATE_LOGIN, "user " + connect.username() + " is connected already");
            }
        } else if (result instanceof AuthResult.Disabled) {
            rejectLogin(ConnectCode.ACCOUNT_DISABLED, "account " + connect.username() + " is disabled");
        } else if (result instanceof AuthResult.Unavailable unavailable) {
            rejectLogin(ConnectCode.AUTH_SERVICE_UNAVAILABLE, "authentication unavailable: " + unavailable.reason());
        } else {
            rejectLogin(ConnectCode.BAD_CREDENTIALS, "bad username or password for " + connect.username());
        }
    }

    private void rejectLogin(ConnectCode code, String why) {
        send(new BinaryFrame.ConnectAck(code.code()));
        LOG.info(() -> "Login refused (code " + code.code() + ") on " + describe() + ": " + why);
        state = State.CLOSED;
        core.deadlines().forget(this);
        sink.close(CloseKind.NORMAL, "login refused");
    }

    /** Publishes as the logged-in user, or as the system user on a trusted connection without a login. */
    private void publish(MessageId id, Target target, byte[] payload, Function<MessageId, BinaryFrame> ack) {
        PublishCallback answer = new PublishCallback() {
            @Override
            public void accepted(Message stored) {
                send(ack.apply(id));
            }

            @Override
            public void refused(Refusal refusal, String detail) {
                send(new BinaryFrame.PubRefused(id, refusalCode(refusal).code(), detail));
            }
        };
        if (session != null) {
            core.publish(session, id, target, payload, 0, answer);
        } else {
            serverConnection.received();
            core.publishAsSystem(mailbox, id, target, payload, answer);
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

    private void pongReceived() {
        awaitingPong = false;
        nextPingAt = core.clock().millis() + settings.pingIntervalMillis();
        session.wakeAdapterAt(nextPingAt);
    }

    // --- outbound, from the core (on the mailbox) ---

    @Override
    public void push(Message m) {
        if (richPush) {
            send(new BinaryFrame.RichPush(m.id(), m.senderUid(), m.groupId(), m.seq(), m.createdAtMillis(), m.payload()));
        } else {
            send(new BinaryFrame.Push(m.id(), m.payload()));
        }
    }

    @Override
    public void close(CloseReason reason) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        send(BinaryFrame.Disconnect.INSTANCE);
        LOG.info(() -> "Disconnected " + describe() + ": " + reason.text());
        sink.close(closeKind(reason), reason.text());
    }

    private static CloseKind closeKind(CloseReason reason) {
        return switch (reason) {
            case PROTOCOL_ERROR -> CloseKind.PROTOCOL_ERROR;
            case SHUTDOWN -> CloseKind.GOING_AWAY;
            case REPLACED -> CloseKind.NORMAL;
            default -> CloseKind.POLICY;
        };
    }

    @Override
    public long onDeadline(long nowMillis) {
        if (state != State.OPEN) {
            return Long.MAX_VALUE;
        }
        if (awaitingPong) {
            LOG.info(() -> "No PING_RESP from " + describe() + " within " + settings.pingTimeoutMillis() + " ms");
            session.disconnect(CloseReason.PING_TIMEOUT);
            return Long.MAX_VALUE;
        }
        if (nowMillis >= nextPingAt) {
            send(BinaryFrame.Ping.INSTANCE);
            awaitingPong = true;
            return nowMillis + settings.pingTimeoutMillis();
        }
        return nextPingAt;
    }

    // --- helpers ---

    private void send(BinaryFrame frame) {
        sink.send(BinaryCodec.encode(frame));
    }

    /** Closes for a fault of the peer's, logging it once with its address. */
    private void refuseConnection(CloseKind kind, String why) {
        if (state == State.CLOSED) {
            return;
        }
        LOG.log(Level.INFO, () -> "Closing " + describe() + ": " + why);
        state = State.CLOSED;
        core.deadlines().forget(this);
        if (session != null) {
            session.transportClosed();
        }
        sink.close(kind, why);
    }

    private Peer peer(ConnectionKind kind) {
        return new Peer(PROTOCOL, transport, sink.remoteAddress(), kind);
    }

    private String describeTransport() {
        return transport + "://" + sink.remoteAddress();
    }

    private String describe() {
        String who = session != null ? " (uid " + session.uid() + ")" : trusted ? " (trusted)" : "";
        return PROTOCOL + " connection " + describeTransport() + who;
    }
}
