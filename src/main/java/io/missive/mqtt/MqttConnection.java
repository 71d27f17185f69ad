package io.missive.mqtt;

import io.missive.core.MessagingCore;
import io.missive.core.OpenResult;
import io.missive.core.auth.AuthResult;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.LiveConnection;
import io.missive.core.connection.Peer;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.pubsub.PubSubEngine;
import io.missive.core.pubsub.PubSubMessage;
import io.missive.core.pubsub.PubSubOutbound;
import io.missive.core.pubsub.PubSubSession;
import io.missive.core.pubsub.PublishOutcome;
import io.missive.core.pubsub.TopicFilter;
import io.missive.core.session.ClientSession;
import io.missive.core.session.CloseReason;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.core.session.SerialExecutor;
import io.missive.core.session.SessionOutbound;
import io.missive.core.timer.Tickable;
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
public final class MqttConnection implements SessionOutbound, PubSubOutbound, Tickable {

    private static final Logger LOG = Logger.getLogger(MqttConnection.class.getName());
    public static final String PROTOCOL = "mqtt";

    private enum State { AWAITING_CONNECT, OPEN, CLOSED }

    private final MqttBroker broker;
    private final MessagingCore core;
    private final PubSubEngine engine;
    private final MqttSettings settings;
    private final MqttPacketSink sink;
    private final String transport;
    private final SerialExecutor ownMailbox;

    /** Read by the deadline scanner; written on the mailbox. */
    private volatile long deadline;
    private volatile long keepAliveMillis;
    private volatile long lastPacketAt;

    // --- written on the own mailbox until CONNECT is done, then on the session's ---
    private State state = State.AWAITING_CONNECT;
    private PubSubSession session;
    private ClientSession im;
    /** An anonymous client's connection as operators see it; a logged-in user's is its IM session's. */
    private LiveConnection anonymous;
    private String username;
    private long uid;
    private String clientId;
    private PubSubMessage will;
    /** IM pushes in flight: packet id to message id; MQTT sends them once per connection, never on a timer. */
    private final Map<Integer, MessageId> imInFlight = new HashMap<>();
    private final Map<MessageId, Integer> imPacketIds = new HashMap<>();
    /** Packet ids of {@code im://} replies sent with QoS 1 and not yet acknowledged. */
    private final Set<Integer> replyPacketIds = new HashSet<>();

    MqttConnection(MqttBroker broker, MqttPacketSink sink, String transport) {
        this.broker = broker;
        this.core = broker.core();
        this.engine = broker.engine();
        this.settings = broker.settings();
        this.sink = sink;
        this.transport = transport;
        this.ownMailbox = core.newMailbox();
        this.lastPacketAt = core.clock().millis();
        this.deadline = lastPacketAt + settings.connectTimeoutMillis();
        core.deadlines().watch(this);
    }

    // --- inbound, from the transport's thread ---

    /** A decoded packet (its payload already copied off the transport's buffers). */
    void onPacket(MqttMessage packet) {
        lastPacketAt = core.clock().millis();
        run(() -> handle(packet));
    }

    void onBackpressure() {
        run(() -> closeAbnormally("the client does not read (outbound queue full)"));
    }

    void onClosed() {
        run(this::cleanUp);
    }

    /** Runs on the connection's current mailbox, in order with everything before. */
    private void run(Runnable task) {
        ownMailbox.execute(() -> {
            if (session != null) {
                session.mailbox().execute(task);
            } else {
                task.run();
            }
        });
    }

    // --- deadlines: CONNECT timeout, then keep-alive ---

    @Override
    public long deadline() {
        return deadline;
    }

    @Override
    public void fire(long nowMillis) {
        deadline = Long.MAX_VALUE;   // until checked on the mailbox
        run(() -> {
            if (state == State.AWAITING_CONNECT) {
                closeAbnormally("no CONNECT within " + settings.connectTimeoutMillis() + " ms");
            } else if (state == State.OPEN) {
                long due = lastPacketAt + keepAliveMillis * 3 / 2;
                if (core.clock().millis() >= due) {
                    closeAbnormally("nothing received within 1.5 times the keep-alive of " + keepAliveMillis / 1000 + " s");
                } else {
                    deadline = due;
                }
            }
        });
    }

    // --- packets ---

    private void handle(MqttMessage packet) {
        if (state == State.CLOSED) {
            return;
        }
        DecoderResult result = packet.decoderResult();
        if (result != null && result.isFailure()) {
            malformed(result.cause());
            return;
        }
        MqttMessageType type = packet.fixedHeader().messageType();
        if (state == State.AWAITING_CONNECT) {
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
            case PUBREL -> {
                int id = packetId(packet);
                session.forgetQos2(id);
                send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBCOMP, false, MqttQoS.AT_MOST_ONCE, false, 2),
                        MqttMessageIdVariableHeader.from(id)));
            }
            case PUBCOMP -> session.completed(packetId(packet));
            case SUBSCRIBE -> onSubscribe((MqttSubscribeMessage) packet);
            case UNSUBSCRIBE -> onUnsubscribe((MqttUnsubscribeMessage) packet);
            case PINGREQ -> send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false,
                    MqttQoS.AT_MOST_ONCE, false, 0)));
            case DISCONNECT -> {
                will = null;   // a clean disconnect discards the will
                sink.close();
            }
            default -> closeAbnormally("a client does not send " + type);
        }
    }

    private static int packetId(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }

    private void malformed(Throwable cause) {
        if (state == State.AWAITING_CONNECT) {
            if (cause instanceof MqttUnacceptableProtocolVersionException) {
                refuseLogin(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, cause.getMessage());
                return;
            }
            if (cause instanceof MqttIdentifierRejectedException) {
                refuseLogin(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, cause.getMessage());
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
                refuseLogin(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                        "an empty client id needs a clean session");
                return;
            }
            id = "missive-" + UUID.randomUUID();
        }
        if (name == null) {
            if (!settings.allowAnonymous()) {
                refuseLogin(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, "anonymous clients are not allowed");
                return;
            }
        } else {
            byte[] password = connect.variableHeader().hasPassword() ? connect.payload().passwordInBytes() : new byte[0];
            AuthResult result = core.authenticate(name, new String(password, StandardCharsets.UTF_8));
            if (result instanceof AuthResult.Accepted accepted) {
                uid = accepted.uid();
                name = accepted.username();
            } else if (result instanceof AuthResult.Disabled) {
                refuseLogin(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, "account " + name + " is disabled");
                return;
            } else if (result instanceof AuthResult.Unavailable unavailable) {
                refuseLogin(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
                        "authentication unavailable: " + unavailable.reason());
                return;
            } else {
                refuseLogin(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD,
                        "bad username or password for " + name);
                return;
            }
        }
        PubSubEngine.Opening opening = engine.open(id, name, clean);
        if (!(opening instanceof PubSubEngine.Opening.Opened opened)) {
            refuseLogin(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
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
        state = State.OPEN;
        keepAliveMillis = connect.variableHeader().keepAliveTimeSeconds() * 1000L;
        deadline = keepAliveMillis > 0 ? lastPacketAt + keepAliveMillis * 3 / 2 : Long.MAX_VALUE;
        send(new MqttConnAckMessage(new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttConnAckVariableHeader(MqttConnectReturnCode.CONNECTION_ACCEPTED, opened.sessionPresent())));
        LOG.fine(() -> "MQTT client " + clientId + " connected from " + describe());
        session.mailbox().execute(() -> {
            if (state != State.OPEN) {
                return;
            }
            session.attach(this);
            if (username == null) {
                anonymous = core.connections().open(peer(ConnectionKind.ANONYMOUS), 0, clientId,
                        reason -> run(() -> close(reason)));
            } else {
                // MQTT's identity is the client id: a user may hold several MQTT connections besides other protocols'
                OpenResult opened2 = core.open(uid, username, peer(ConnectionKind.USER), this, session.mailbox(),
                        DuplicateLoginPolicy.MULTIPLE);
                if (opened2 instanceof OpenResult.Opened o) {
                    im = o.session();
                    im.start();
                }
            }
        });
    }

    private void refuseLogin(MqttConnectReturnCode code, String why) {
        send(new MqttConnAckMessage(new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttConnAckVariableHeader(code, false)));
        LOG.info(() -> "MQTT login refused (" + code + ") on " + describe() + ": " + why);
        state = State.CLOSED;
        core.deadlines().forget(this);
        sink.close();
    }

    /** Another connection took this one's client id (MQTT 3.1.1, 3.1.4-2): closed without its will. */
    private void takenOver() {
        run(() -> {
            if (state == State.OPEN) {
                will = null;
                LOG.info(() -> "MQTT client " + clientId + " connected again; closing " + describe());
                sink.close();
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
            broker.imRequests().handle(topic, payload, username, uid, im, reply -> session.mailbox().execute(() ->
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
        engine.publish(new PubSubMessage(0, topic, payload, qos, retain), publisher.mailbox(), new PublishOutcome() {
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

    private boolean mayPublish(String topic) {
        if (ImTopics.isImTopic(topic) || topic.startsWith("$")) {
            return false;
        }
        return username == null || settings.topicRules().mayPublish(topic, username, uid);
    }

    private void acknowledge(int packetId, int qos) {
        if (state != State.OPEN || qos == 0) {
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
            im.acknowledge(imMessage);
        } else if (replyPacketIds.remove(packetId)) {
            session.releasePacketId(packetId);
        } else {
            session.acknowledged(packetId);
        }
    }

    // --- outbound: the IM push, from the core (on the session's mailbox) ---

    @Override
    public void push(Message message) {
        if (state != State.OPEN || imPacketIds.containsKey(message.id())) {
            return;   // in flight already: MQTT sends again only on the next connection
        }
        int packetId = session.reservePacketId();
        imInFlight.put(packetId, message.id());
        imPacketIds.put(message.id(), packetId);
        sendPublish(packetId, settings.pushTopic(), ImPushRecord.json(message, uid), 1, false, false);
    }

    @Override
    public void close(CloseReason reason) {
        if (reason == CloseReason.NO_ACKNOWLEDGEMENT) {
            // the core's resend limit: a client slower than that to PUBACK gets its pushes again when it reconnects
            closeAbnormally("IM pushes not acknowledged in time");
        } else {
            closeAbnormally(reason.text());
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
        return im != null ? im.connection() : anonymous;
    }

    @Override
    public void release(int packetId) {
        send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 2),
                MqttMessageIdVariableHeader.from(packetId)));
    }

    private void publishToClient(String topic, byte[] payload, int qos) {
        if (state != State.OPEN) {
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
        if (state != State.OPEN) {
            return;
        }
        send(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retain, 0),
                new MqttPublishVariableHeader(topic, qos == 0 ? -1 : packetId), Unpooled.wrappedBuffer(payload)));
    }

    private void send(MqttMessage packet) {
        sink.send(packet);
    }

    // --- ending ---

    /** Closes for a reason that is not the client's DISCONNECT: the will is published. */
    private void closeAbnormally(String why) {
        if (state == State.CLOSED) {
            return;
        }
        LOG.info(() -> "Closing MQTT connection " + describe() + (clientId != null ? " of " + clientId : "") + ": " + why);
        if (state == State.AWAITING_CONNECT) {
            state = State.CLOSED;
            core.deadlines().forget(this);
        }
        sink.close();
    }

    /** The transport is gone: the will goes out unless the client said DISCONNECT; the session stays if persistent. */
    private void cleanUp() {
        if (state == State.CLOSED && session == null) {
            core.deadlines().forget(this);
            return;
        }
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        core.deadlines().forget(this);
        core.connections().closed(anonymous);
        if (im != null) {
            im.transportClosed();
        }
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

    private Peer peer(ConnectionKind kind) {
        return new Peer(PROTOCOL, transport, sink.remoteAddress(), kind);
    }

    private String describe() {
        return transport + "://" + sink.remoteAddress() + (username != null ? " (" + username + ")" : "");
    }
}
