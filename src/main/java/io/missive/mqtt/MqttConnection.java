package io.missive.mqtt;

import io.missive.core.MessagingCore;
import io.missive.core.auth.AuthResult;
import io.missive.core.auth.LoginFailure;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.LiveConnection;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.pubsub.PubSubEngine;
import io.missive.core.pubsub.PubSubMessage;
import io.missive.core.pubsub.PubSubOutbound;
import io.missive.core.pubsub.PubSubSession;
import io.missive.core.pubsub.PubSubStore;
import io.missive.core.pubsub.PublishOutcome;
import io.missive.core.pubsub.TopicFilter;
import io.missive.core.session.CloseReason;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.protocol.ProtocolConnection;
import io.missive.protocol.Protocols;
import io.missive.transport.CloseKind;
import io.missive.transport.Sink;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * One MQTT connection, on any transport: CONNECT through Missive's authenticator, then standard
 * publish/subscribe through the {@link PubSubEngine} and, for a logged-in user, seed 003's IM: the
 * connection is a core {@link SessionOutbound}, so the user's messages arrive as PUBLISH on the
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

    private final MqttBroker broker;
    private final PubSubEngine engine;
    private final MqttSettings settings;

    // --- on the own mailbox until CONNECT is done, then on the session's ---
    private PubSubSession session;
    /** An anonymous client's connection as operators see it; a logged-in user's is its IM session's. */
    private LiveConnection anonymous;
    private String username;
    private long uid;
    private String clientId;
    private PubSubMessage will;
    private long keepAliveMillis;
    private boolean cleanedUp;
    /** IM pushes in flight: packet id to message id; MQTT sends them once per connection, never on a timer. */
    private final Map<Integer, MessageId> imInFlight = new HashMap<>();
    private final Map<MessageId, Integer> imPacketIds = new HashMap<>();
    /** Packet ids of {@code im://} replies sent with QoS 1 and not yet acknowledged. */
    private final Set<Integer> replyPacketIds = new HashSet<>();

    MqttConnection(MqttBroker broker, Sink<MqttMessage> sink, String transport) {
        super(broker.core(), sink, PROTOCOL, transport, new Login("CONNECT", broker.settings().connectTimeoutMillis()));
        this.broker = broker;
        this.engine = broker.engine();
        this.settings = broker.settings();
    }

    // --- the protocol's answers ---

    @Override
    protected List<MqttMessage> loginRefused(LoginFailure failure) {
        return List.of(connAck(switch (failure) {
            case BAD_CREDENTIALS -> MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
            case DISABLED -> MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
            case UNAVAILABLE -> MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            // MQTT's identity is the client id, which takes over (3.1.4-2); kept total for the compiler
            case DUPLICATE -> MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
        }, false));
    }

    /** Before CONNACK, "server unavailable" (3.2.2.3); after it MQTT 3.1.1 has no error packet: the close says it. */
    @Override
    protected List<MqttMessage> serverError() {
        return phase() == Phase.LOGIN
                ? List.of(connAck(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, false)) : List.of();
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
            case PUBACK -> onPubAck(packetId(packet));
            case PUBREC -> session.received(packetId(packet));
            case PUBREL -> onPubRel(packetId(packet));
            case PUBCOMP -> session.completed(packetId(packet));
            case SUBSCRIBE -> onSubscribe((MqttSubscribeMessage) packet);
            case UNSUBSCRIBE -> onUnsubscribe((MqttUnsubscribeMessage) packet);
            case PINGREQ -> send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false,
                    MqttQoS.AT_MOST_ONCE, false, 0)));
            case DISCONNECT -> {
                will = null;   // a clean disconnect discards the will
                closeAsAsked("client sent DISCONNECT", List.of());
            }
            default -> closeAbnormally("a client does not send " + type);
        }
    }

    private static int packetId(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }

    private void malformed(Throwable cause) {
        if (phase() == Phase.LOGIN) {
            if (cause instanceof MqttUnacceptableProtocolVersionException) {
                refuseConnect(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, cause.getMessage());
                return;
            }
            if (cause instanceof MqttIdentifierRejectedException) {
                refuseConnect(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, cause.getMessage());
                return;
            }
        }
        closeAbnormally("malformed packet: " + cause);
    }

    private void login(MqttConnectMessage connect) {
        String name = connect.variableHeader().hasUserName() ? connect.payload().userName() : null;
        boolean clean = connect.variableHeader().isCleanSession();
        String id = connect.payload().clientIdentifier();
        if (id == null || id.isEmpty()) {
            if (!clean) {
                refuseConnect(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                        "an empty client id needs a clean session");
                return;
            }
            id = "missive-" + UUID.randomUUID();
        }
        if (name == null) {
            if (!settings.allowAnonymous()) {
                refuseConnect(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, "anonymous clients are not allowed");
                return;
            }
        } else {
            byte[] password = connect.variableHeader().hasPassword() ? connect.payload().passwordInBytes() : new byte[0];
            AuthResult result = core.authenticate(name, new String(password, StandardCharsets.UTF_8));
            if (!(result instanceof AuthResult.Accepted accepted)) {
                refuseLogin(result.failure(), "user " + name);
                return;
            }
            uid = accepted.uid();
            name = accepted.username();
        }
        PubSubEngine.Opening opening = engine.open(id, name, clean);
        if (!(opening instanceof PubSubEngine.Opening.Opened opened)) {
            refuseConnect(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                    "client id " + id + " belongs to another user's session");
            return;
        }
        username = name;
        clientId = id;
        if (connect.variableHeader().isWillFlag()) {
            will = new PubSubMessage(0, connect.payload().willTopic(), connect.payload().willMessageInBytes(),
                    connect.variableHeader().willQos(), connect.variableHeader().isWillRetain());
        }
        MqttConnection previous = broker.connected(id, this);
        if (previous != null) {
            previous.takenOver();
        }
        session = opened.session();
        opened();
        moveTo(session.mailbox());
        keepAliveMillis = connect.variableHeader().keepAliveTimeSeconds() * 1000L;
        if (keepAliveMillis > 0) {
            wakeAt(lastReceivedAt() + keepAliveMillis * 3 / 2);
        }
        send(connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, opened.sessionPresent()));
        LOG.fine(() -> "MQTT client " + clientId + " connected from " + describe());
        run(() -> {
            if (phase() != Phase.OPEN) {
                return;
            }
            session.attach(this);
            if (username == null) {
                anonymous = core.connections().open(peer(ConnectionKind.ANONYMOUS), 0, clientId,
                        reason -> run(() -> close(reason)));
            } else {
                // MQTT's identity is the client id: a user may hold several MQTT connections besides other protocols'
                if (openSession(new AuthResult.Accepted(uid, username), ConnectionKind.USER,
                        DuplicateLoginPolicy.MULTIPLE, session.mailbox()) == null) {
                    startDelivery();
                }
            }
        });
    }

    /** Refuses a CONNECT for a reason of MQTT's own (version, client id, anonymous): CONNACK with the code, close. */
    private void refuseConnect(MqttConnectReturnCode code, String why) {
        closeConnection(CloseKind.NORMAL, "CONNECT refused (" + code + "): " + why, List.of(connAck(code, false)));
    }

    private static MqttConnAckMessage connAck(MqttConnectReturnCode code, boolean sessionPresent) {
        return new MqttConnAckMessage(new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttConnAckVariableHeader(code, sessionPresent));
    }

    /** Another connection took this one's client id (MQTT 3.1.1, 3.1.4-2): closed without its will. */
    private void takenOver() {
        run(() -> {
            if (phase() == Phase.OPEN) {
                will = null;
                closeConnection(CloseKind.NORMAL, "client id " + clientId + " connected again", List.of());
            }
        });
    }

    private void onPublish(MqttPublishMessage publish) {
        String topic = publish.variableHeader().topicName();
        int packetId = publish.variableHeader().packetId();
        int qos = publish.fixedHeader().qosLevel().value();
        boolean retain = publish.fixedHeader().isRetain();
        byte[] payload = ByteBufUtil.getBytes(publish.payload());
        if (!TopicFilter.isValidTopicName(topic)) {
            closeAbnormally("PUBLISH to an invalid topic name '" + topic + "'");
            return;
        }
        if (ImTopics.isRequest(topic)) {
            // a send request is counted by the core's publish, like any session's
            acknowledge(packetId, qos);
            broker.imRequests().handle(topic, payload, username, uid, session(), reply -> run(() ->
                    publishToClient(topic, reply, Math.min(qos, 1))));
            return;
        }
        LiveConnection connection = connection();
        if (connection != null) {
            connection.received();
        }
        if (!mayPublish(topic)) {
            // as Mosquitto: a publish the client may not make is acknowledged and dropped
            LOG.fine(() -> "MQTT client " + clientId + " may not publish to " + topic);
            acknowledge(packetId, qos);
            return;
        }
        if (qos == 2) {
            if (session.receivedQos2(packetId)) {
                acknowledge(packetId, qos);   // a duplicate: received already, not delivered again
                return;
            }
            session.rememberQos2(packetId);
        }
        PubSubSession publisher = session;
        PubSubStore.Qos2Receipt receipt = qos == 2 ? publisher.qos2Receipt(packetId) : null;
        engine.publish(new PubSubMessage(0, topic, payload, qos, retain), receipt, publisher.mailbox(), new PublishOutcome() {
            @Override
            public void accepted() {
                acknowledge(packetId, qos);
            }

            @Override
            public void failed(String reason) {
                publisher.forgetQos2(packetId);
                closeAbnormally("a publish to " + topic + " could not be stored: " + reason);
            }
        });
    }

    /** PUBCOMP only once the release is durable: from then on the client may reuse the packet id. */
    private void onPubRel(int packetId) {
        session.releaseQos2(packetId, committed -> {
            if (committed) {
                send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBCOMP, false, MqttQoS.AT_MOST_ONCE, false, 2),
                        MqttMessageIdVariableHeader.from(packetId)));
            } else {
                // the client sends PUBREL again when it reconnects
                closeAbnormally("the release of QoS 2 publish " + packetId + " could not be stored");
            }
        });
    }

    private boolean mayPublish(String topic) {
        if (ImTopics.isImTopic(topic) || topic.startsWith("$")) {
            return false;
        }
        return username == null || settings.topicRules().mayPublish(topic, username, uid);
    }

    private void acknowledge(int packetId, int qos) {
        if (phase() != Phase.OPEN || qos == 0) {
            return;
        }
        MqttMessageType type = qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        send(new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 2),
                MqttMessageIdVariableHeader.from(packetId)));
    }

    private void onSubscribe(MqttSubscribeMessage subscribe) {
        int packetId = subscribe.variableHeader().messageId();
        List<Integer> codes = new ArrayList<>();
        Map<String, Integer> granted = new LinkedHashMap<>();
        for (MqttTopicSubscription s : subscribe.payload().topicSubscriptions()) {
            String filter = s.topicName();
            if (!TopicFilter.isValidFilter(filter)) {
                closeAbnormally("SUBSCRIBE with an invalid topic filter '" + filter + "'");
                return;
            }
            int qos = Math.min(s.qualityOfService().value(), 2);
            if (ImTopics.isPushTopic(filter, settings.pushTopic())) {
                // the push comes without a subscription (seed 003); subscribing is granted and adds nothing
                codes.add(username != null ? Math.min(qos, 1) : 0x80);
            } else if (ImTopics.isImTopic(filter) || !maySubscribe(filter)) {
                codes.add(0x80);
            } else {
                granted.put(filter, qos);
                codes.add(qos);
            }
        }
        PubSubSession subscriber = session;
        engine.subscribe(subscriber, granted, () -> subscriber.mailbox().execute(() -> {
            send(new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    MqttMessageIdVariableHeader.from(packetId), new MqttSubAckPayload(codes)));
            granted.forEach((filter, qos) -> engine.sendRetained(subscriber, filter, qos));
        }));
    }

    private boolean maySubscribe(String filter) {
        return username == null || settings.topicRules().maySubscribe(filter, username, uid);
    }

    private void onUnsubscribe(MqttUnsubscribeMessage unsubscribe) {
        engine.unsubscribe(session, unsubscribe.payload().topics());
        send(new MqttMessage(new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 2),
                MqttMessageIdVariableHeader.from(unsubscribe.variableHeader().messageId())));
    }

    private void onPubAck(int packetId) {
        MessageId imMessage = imInFlight.remove(packetId);
        if (imMessage != null) {
            imPacketIds.remove(imMessage);
            session.releasePacketId(packetId);
            session().acknowledge(imMessage);
        } else if (replyPacketIds.remove(packetId)) {
            session.releasePacketId(packetId);
        } else {
            session.acknowledged(packetId);
        }
    }

    // --- outbound: the IM push, from the core (on the session's mailbox) ---

    @Override
    public void push(Message message) {
        if (phase() != Phase.OPEN || imPacketIds.containsKey(message.id())) {
            return;   // in flight already: MQTT sends again only on the next connection
        }
        int packetId = session.reservePacketId();
        imInFlight.put(packetId, message.id());
        imPacketIds.put(message.id(), packetId);
        sendPublish(packetId, settings.pushTopic(), ImPushRecord.json(message, uid), 1, false, false);
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
        send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 2),
                MqttMessageIdVariableHeader.from(packetId)));
    }

    private void publishToClient(String topic, byte[] payload, int qos) {
        if (phase() != Phase.OPEN) {
            return;
        }
        if (qos == 0) {
            sendPublish(0, topic, payload, 0, false, false);
        } else {
            // a reply is not sent again on the next connection: the client asks again if it misses one
            int packetId = session.reservePacketId();
            replyPacketIds.add(packetId);
            sendPublish(packetId, topic, payload, qos, false, false);
        }
    }

    private void sendPublish(int packetId, String topic, byte[] payload, int qos, boolean retain, boolean dup) {
        if (phase() != Phase.OPEN) {
            return;
        }
        send(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retain, 0),
                new MqttPublishVariableHeader(topic, qos == 0 ? -1 : packetId), Unpooled.wrappedBuffer(payload)));
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
        if (cleanedUp || session == null) {
            // cleaned up already, or the socket closed before its CONNECT was accepted
            return;
        }
        cleanedUp = true;
        session.detach(this);
        engine.closed(session);
        broker.disconnected(clientId, this);
        if (will != null) {
            PubSubMessage last = will;
            will = null;
            if (mayPublish(last.topic())) {
                engine.publish(last, session.mailbox(), PublishOutcome.IGNORED);
            }
        }
    }

}
