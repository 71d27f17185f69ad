package io.missive.mqtt;

import io.missive.core.MessagingCore;
import io.missive.core.auth.AuthResult;
import io.missive.core.auth.LoginFailure;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.LiveConnection;
import io.missive.core.model.Message;
import io.missive.core.pubsub.PubSubEngine;
import io.missive.core.pubsub.PubSubMessage;
import io.missive.core.pubsub.PubSubOutbound;
import io.missive.core.pubsub.PubSubSession;
import io.missive.core.pubsub.PublishOutcome;
import io.missive.core.pubsub.TopicFilter;
import io.missive.core.session.CloseReason;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.protocol.ProtocolConnection;
import io.missive.protocol.Protocols;
import io.missive.transport.CloseKind;
import io.missive.transport.Sink;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;

import java.util.List;
import java.util.logging.Logger;

/**
 * One MQTT connection, on any transport: CONNECT through Missive's authenticator, then standard
 * publish/subscribe through the {@link PubSubEngine} and, for a logged-in user, seed 003's IM: the
 * connection is a core session's outbound, so the user's messages arrive as PUBLISH on the
 * push topic, and PUBLISH to {@code im://} topics are requests answered on the same topic.
 *
 * <p>Until CONNECT is done the connection's work runs on its own mailbox; from then on on its
 * session's mailbox, which a persistent session keeps across connections, so that the session's
 * state and this connection's are touched by one thread at a time, without locks. Packets that
 * arrive meanwhile pass through the own mailbox first and keep their order.
 */
public final class MqttConnection extends ProtocolConnection<MqttMessage, MqttMessage> implements PubSubOutbound {

    private static final Logger LOG = Logger.getLogger(MqttConnection.class.getName());
    public static final String PROTOCOL = Protocols.MQTT.name();

    private final PubSubEngine engine;
    private final MqttSettings settings;
    private final MqttClientIds clientIds;
    private final ImRequests imRequests;

    // --- on the own mailbox until CONNECT is done, then on the session's ---
    private PubSubSession pubsub;
    /** Seed 003's push and requests; made once CONNECT is accepted. */
    private ImPushBridge im;
    /** The client's PUBLISH packets; made once CONNECT is accepted. */
    private InboundPublishes publishes;
    /** The client's SUBSCRIBE and UNSUBSCRIBE packets; made once CONNECT is accepted. */
    private InboundSubscriptions subscriptions;
    /** Where the client may publish and subscribe; set once CONNECT is accepted. */
    private TopicAccess access;
    /** An anonymous client's connection as operators see it; a logged-in user's is its IM session's. */
    private LiveConnection anonymous;
    private String username;
    private long uid;
    private String clientId;
    private PubSubMessage will;
    private long keepAliveMillis;
    private boolean cleanedUp;

    /**
     * @param clientIds  this node's live connections by client id, for the takeover (3.1.4-2)
     * @param imRequests seed 003's {@code im://} requests
     * @param transport  the transport's name, for logs and operators: "tcp", "tls", "ws", "wss"
     */
    MqttConnection(MessagingCore core, PubSubEngine engine, MqttSettings settings, MqttClientIds clientIds,
                   ImRequests imRequests, Sink<MqttMessage> sink, String transport) {
        // from CONNECT on, a persistent session's mailbox, which outlives connections
        super(core, sink, PROTOCOL, transport, new Login("CONNECT", settings.connectTimeoutMillis()), true);
        this.engine = engine;
        this.settings = settings;
        this.clientIds = clientIds;
        this.imRequests = imRequests;
    }

    // --- the protocol's answers ---

    @Override
    protected List<MqttMessage> loginRefused(LoginFailure failure) {
        return List.of(MqttPackets.connAck(ConnectAdmission.returnCode(failure), false));
    }

    /** Before CONNACK, "server unavailable" (3.2.2.3); after it MQTT 3.1.1 has no error packet: the close says it. */
    @Override
    protected List<MqttMessage> serverError() {
        return phase() == Phase.LOGIN
                ? List.of(MqttPackets.connAck(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, false)) : List.of();
    }

    @Override
    protected List<MqttMessage> farewell(CloseReason reason) {
        return List.of();
    }

    @Override
    protected String who() {
        if (clientId == null) {
            return "";
        }
        return " (client " + clientId + (username != null ? ", user " + username : "") + ")";
    }

    /** Keep-alive (3.1.2.10): nothing received for one and a half times the keep-alive closes the connection. */
    @Override
    protected long onTimer(long nowMillis) {
        long due = lastReceivedAt() + keepAliveMillis * 3 / 2;
        if (nowMillis >= due) {
            closeAbnormally("nothing received within 1.5 times the keep-alive of " + keepAliveMillis / 1000 + " s");
            return Long.MAX_VALUE;
        }
        return due;
    }

    // --- packets ---

    /**
     * PUBLISH (but a request of seed 003's, which reads the database), the acknowledgements and PINGREQ
     * run on the transport's thread: they only queue a write to the store or answer.
     */
    @Override
    protected boolean handlesWithoutBlocking(MqttMessage packet) {
        DecoderResult result = packet.decoderResult();
        if (result != null && result.isFailure() || packet.fixedHeader() == null) {
            return false;
        }
        return switch (packet.fixedHeader().messageType()) {
            case PUBLISH -> !ImTopics.isRequest(((MqttPublishMessage) packet).variableHeader().topicName());
            case PUBACK, PUBREC, PUBCOMP, PINGREQ -> true;
            default -> false;
        };
    }

    @Override
    protected void handle(MqttMessage packet) {
        DecoderResult result = packet.decoderResult();
        if (result != null && result.isFailure()) {
            malformed(result.cause());
            return;
        }
        MqttMessageType type = packet.fixedHeader().messageType();
        if (phase() == Phase.LOGIN) {
            if (type == MqttMessageType.CONNECT) {
                login((MqttConnectMessage) packet);
            } else {
                closeAbnormally("the first packet must be CONNECT, not " + type);
            }
            return;
        }
        switch (type) {
            case PUBLISH -> onPublish((MqttPublishMessage) packet);
            case PUBACK -> {
                if (!im.acknowledged(MqttPackets.packetId(packet), session())) {
                    pubsub.acknowledged(MqttPackets.packetId(packet));
                }
            }
            case PUBREC -> pubsub.received(MqttPackets.packetId(packet));
            case PUBREL -> onPubRel(MqttPackets.packetId(packet));
            case PUBCOMP -> pubsub.completed(MqttPackets.packetId(packet));
            case SUBSCRIBE -> subscriptions.subscribe((MqttSubscribeMessage) packet);
            case UNSUBSCRIBE -> subscriptions.unsubscribe((MqttUnsubscribeMessage) packet);
            case PINGREQ -> send(MqttPackets.pingResp());
            case DISCONNECT -> {
                will = null;   // a clean disconnect discards the will
                closeAsAsked("client sent DISCONNECT", List.of());
            }
            default -> closeAbnormally("a client does not send " + type);
        }
    }

    private void malformed(Throwable cause) {
        ConnectAdmission.Outcome.Refused refused = phase() == Phase.LOGIN ? ConnectAdmission.undecodable(cause) : null;
        if (refused != null) {
            refuseConnect(refused.code(), refused.why());
        } else {
            closeAbnormally("malformed packet: " + cause);
        }
    }

    /** Checks the CONNECT, then its credentials on the core's own threads (packets sent meanwhile wait). */
    private void login(MqttConnectMessage connect) {
        // made per CONNECT, not kept: an idle connection carries nothing it no longer needs
        ConnectAdmission admission = new ConnectAdmission(engine, settings, eventLoop());
        ConnectAdmission.Outcome refused = admission.check(connect);
        String name = ConnectAdmission.username(connect);
        if (refused != null) {
            connectAnswered(refused, "");
        } else if (name == null) {
            connectAnswered(admission.admit(connect, null), "");
        } else {
            checkCredentials(name, ConnectAdmission.password(connect),
                    result -> connectAnswered(admission.admit(connect, result), detail(result)));
        }
    }

    /** @param detail what the log line of a refused login adds */
    private void connectAnswered(ConnectAdmission.Outcome outcome, String detail) {
        if (outcome instanceof ConnectAdmission.Outcome.Admitted admitted) {
            accepted(admitted);
        } else if (outcome instanceof ConnectAdmission.Outcome.LoginRefused refused) {
            refuseLogin(refused.failure(), "user " + refused.username() + detail);
        } else if (outcome instanceof ConnectAdmission.Outcome.Violation violation) {
            closeAbnormally("CONNECT with " + violation.why());
        } else {
            ConnectAdmission.Outcome.Refused refused = (ConnectAdmission.Outcome.Refused) outcome;
            refuseConnect(refused.code(), refused.why());
        }
    }

    private void accepted(ConnectAdmission.Outcome.Admitted admitted) {
        username = admitted.username();
        uid = admitted.uid();
        clientId = admitted.clientId();
        will = admitted.will();
        MqttConnection previous = clientIds.connected(clientId, this);
        if (previous != null) {
            previous.takenOver();
        }
        pubsub = admitted.opened().session();
        access = new TopicAccess(settings, username, uid);
        im = new ImPushBridge(imRequests, settings.pushTopic(), pubsub, () -> phase() == Phase.OPEN,
                (packetId, topic, payload, qos) -> sendPublish(packetId, topic, payload, qos, false, false), this::run);
        publishes = new InboundPublishes(engine, pubsub, access, im, this::acknowledge, this::closeAbnormally,
                this::holdUntilDone);
        subscriptions = new InboundSubscriptions(core, engine, pubsub, access, this::send, this::closeAbnormally,
                () -> clientId + " (" + describe() + ")");
        opened();
        moveTo(pubsub.mailbox());
        keepAliveMillis = admitted.keepAliveMillis();
        if (keepAliveMillis > 0) {
            wakeAt(lastReceivedAt() + keepAliveMillis * 3 / 2);
        }
        send(MqttPackets.connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, admitted.opened().sessionPresent()));
        LOG.fine(() -> "MQTT client " + clientId + " connected from " + describe());
        run(() -> {
            if (phase() != Phase.OPEN) {
                return;
            }
            pubsub.attach(this);
            if (username == null) {
                anonymous = core.connections().open(peer(ConnectionKind.ANONYMOUS), 0, clientId,
                        reason -> run(() -> close(reason)));
            } else {
                // MQTT's identity is the client id: a user may hold several MQTT connections besides other protocols'
                if (openSession(new AuthResult.Accepted(uid, username), ConnectionKind.USER,
                        DuplicateLoginPolicy.MULTIPLE, pubsub.mailbox()) == null) {
                    startDelivery();
                }
            }
        });
    }

    /** Refuses a CONNECT for a reason of MQTT's own (version, client id, anonymous): CONNACK with the code, close. */
    private void refuseConnect(MqttConnectReturnCode code, String why) {
        closeConnection(CloseKind.NORMAL, "CONNECT refused (" + code + "): " + why, List.of(MqttPackets.connAck(code, false)));
    }

    /** Another connection took this one's client id (MQTT 3.1.1, 3.1.4-2): closed without its will. */
    @Override
    public void takenOver() {
        run(() -> {
            if (phase() == Phase.OPEN) {
                will = null;
                closeConnection(CloseKind.NORMAL, "client id " + clientId + " connected again", List.of());
            }
        });
    }

    private void onPublish(MqttPublishMessage publish) {
        String topic = publish.variableHeader().topicName();
        if (!TopicFilter.isValidTopicName(topic)) {
            closeAbnormally("PUBLISH to an invalid topic name '" + topic + "'");
            return;
        }
        LiveConnection connection = connection();
        if (connection != null && !ImTopics.isRequest(topic)) {
            connection.received();   // a send request is counted by the core's publish, like any session's
        }
        publishes.receive(topic, ByteBufUtil.getBytes(publish.payload()), publish.fixedHeader().qosLevel().value(),
                publish.fixedHeader().isRetain(), publish.variableHeader().packetId(), session());
    }

    /** PUBCOMP only once the release is durable: from then on the client may reuse the packet id. */
    private void onPubRel(int packetId) {
        pubsub.releaseQos2(packetId, committed -> {
            if (committed) {
                send(MqttPackets.pubComp(packetId));
            } else {
                // the client sends PUBREL again when it reconnects
                closeAbnormally("the release of QoS 2 publish " + packetId + " could not be stored");
            }
        });
    }

    private void acknowledge(int packetId, int qos) {
        if (phase() != Phase.OPEN || qos == 0) {
            return;
        }
        send(qos == 1 ? MqttPackets.pubAck(packetId) : MqttPackets.pubRec(packetId));
    }

    // --- outbound: the IM push, from the core (on the session's mailbox) ---

    @Override
    public void push(Message message) {
        if (phase() == Phase.OPEN) {
            im.push(message, uid);
        }
    }

    // --- outbound: publish/subscribe, from the engine (on the session's mailbox) ---

    @Override
    public void publish(int packetId, String topic, byte[] payload, int qos, boolean retain, boolean dup) {
        LiveConnection connection = connection();
        if (connection != null && !dup) {
            connection.sent();
        }
        sendPublish(packetId, topic, payload, qos, retain, dup);
    }

    /** This connection as operators see it; null until the login is done. */
    private LiveConnection connection() {
        return session() != null ? session().connection() : anonymous;
    }

    @Override
    public void release(int packetId) {
        send(MqttPackets.pubRel(packetId));
    }

    private void sendPublish(int packetId, String topic, byte[] payload, int qos, boolean retain, boolean dup) {
        if (phase() != Phase.OPEN) {
            return;
        }
        send(MqttPackets.publish(packetId, topic, payload, qos, retain, dup));
    }

    // --- ending ---

    /** Closes for a reason that is not the client's DISCONNECT: the will is published (see {@link #transportClosed}). */
    private void closeAbnormally(String why) {
        closeConnection(CloseKind.NORMAL, why, List.of());
    }

    /** The transport is gone: the will goes out unless the client said DISCONNECT; the session stays if persistent. */
    @Override
    protected void transportClosed() {
        core.connections().closed(anonymous);   // null-safe and idempotent
        if (cleanedUp || pubsub == null) {
            // cleaned up already, or the socket closed before its CONNECT was accepted
            return;
        }
        cleanedUp = true;
        pubsub.detach(this);
        engine.closed(pubsub);
        clientIds.disconnected(clientId, this);
        if (will != null) {
            PubSubMessage last = will;
            will = null;
            if (access.mayPublish(last.topic())) {
                engine.publish(last, pubsub.mailbox(), PublishOutcome.IGNORED);
            }
        }
    }

}
