package io.missive.mqtt;

import io.missive.core.CoreFixture;
import io.missive.core.MessagingCore;
import io.missive.core.pubsub.InMemoryPubSubStore;
import io.missive.core.pubsub.PubSubEngine;
import io.missive.core.pubsub.PubSubSettings;
import io.missive.protocol.RecordingSink;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MQTT connections on the core's in-memory fixture, without a server: a publish/subscribe engine
 * on an in-memory store, the client-id registry and seed 003's requests, as {@link MqttBroker}
 * wires them; each {@link Client} is one connection writing to a {@link RecordingSink}.
 */
final class MqttFixture {

    static final int CONNECT_TIMEOUT = 10_000;
    static final String PUSH_TOPIC = "impush://modulus/news";

    final CoreFixture fixture = new CoreFixture();
    final MessagingCore core = fixture.core;
    final InMemoryPubSubStore store = new InMemoryPubSubStore();
    final MqttSettings settings;
    /** The engine's settings, as {@link #restart} takes them: a test of a limit sets its own, then restarts. */
    PubSubSettings limits = new PubSubSettings(20, 1_000, 1_000, 100_000, 100_000, 256L << 20);
    PubSubEngine engine;
    MqttClientIds clientIds;
    final ImRequests imRequests;

    MqttFixture() {
        this(false, "readwrite #");
    }

    MqttFixture(boolean allowAnonymous, String topicRules) {
        this(allowAnonymous, topicRules, TopicRules.DEFAULT_ANONYMOUS);
    }

    MqttFixture(boolean allowAnonymous, String topicRules, String anonymousTopicRules) {
        settings = new MqttSettings(allowAnonymous, CONNECT_TIMEOUT, TopicRules.parse(topicRules),
                TopicRules.parse(anonymousTopicRules), PUSH_TOPIC, "node1", 268_435_455, 65_536);
        imRequests = new ImRequests(core, settings, null, null, null, new HttpProxy(List.of(), Duration.ofSeconds(1)),
                200);
        restart();
    }

    /** What a restarted server is, state-wise: a new engine loaded from the same store, no live client ids. */
    void restart() {
        engine = new PubSubEngine(store, limits, core::newMailbox);
        engine.load();
        clientIds = new MqttClientIds();
    }

    Client client() {
        return new Client();
    }

    /** A client connected and accepted as user{@code n}; fails the test otherwise. */
    Client connected(String clientId, int user, boolean clean) {
        Client c = client();
        MqttConnAckMessage ack = c.connect(clientId, "user" + user, "pw", clean, 60);
        if (ack.variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            throw new AssertionError("not accepted: " + ack);
        }
        c.sink.sent.clear();
        return c;
    }

    /** A client connected as user{@code n} and subscribed to {@code filter}, with nothing received yet. */
    Client subscribed(String clientId, int user, boolean clean, String filter, int qos) {
        Client c = connected(clientId, user, clean);
        c.subscribe(1, filter, qos);
        c.sink.sent.clear();
        return c;
    }

    /** One connection; the transport is the sink, and {@link #drop()} its closing. */
    final class Client {
        final RecordingSink<MqttMessage> sink = new RecordingSink<>();
        final MqttConnection connection = new MqttConnection(core, engine, settings, clientIds, imRequests, sink, "tcp");

        void send(MqttMessage packet) {
            connection.onMessage(packet);
        }

        MqttMessageBuilders.ConnectBuilder connectPacket(String clientId, String username, String password,
                                                         boolean clean, int keepAlive) {
            MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1)
                    .clientId(clientId).cleanSession(clean).keepAlive(keepAlive);
            if (username != null) {
                b.hasUser(true).username(username);
            }
            if (password != null) {
                b.hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8));
            }
            return b;
        }

        MqttConnAckMessage connect(String clientId, String username, String password, boolean clean, int keepAlive) {
            send(connectPacket(clientId, username, password, clean, keepAlive).build());
            return (MqttConnAckMessage) sink.sent.get(0);
        }

        void publish(String topic, String payload, int qos, int packetId) {
            publish(topic, payload, qos, packetId, false);
        }

        void publish(String topic, String payload, int qos, int packetId, boolean retain) {
            send(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos)).retained(retain)
                    .messageId(packetId).payload(Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8)))
                    .build());
        }

        MqttSubAckMessage subscribe(int packetId, String filter, int qos) {
            int before = sink.sent.size();
            send(MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(MqttQoS.valueOf(qos), filter).build());
            return (MqttSubAckMessage) sink.sent.stream().skip(before)
                    .filter(m -> m.fixedHeader().messageType() == MqttMessageType.SUBACK).findFirst().orElseThrow();
        }

        /** Sends PUBACK, PUBREC, PUBREL or PUBCOMP. */
        void ack(MqttMessageType type, int packetId) {
            MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
            send(new MqttMessage(new MqttFixedHeader(type, false, qos, false, 2), MqttMessageIdVariableHeader.from(packetId)));
        }

        void unsubscribe(int packetId, String filter) {
            send(MqttMessageBuilders.unsubscribe().messageId(packetId).addTopicFilter(filter).build());
        }

        void disconnect() {
            send(MqttMessageBuilders.disconnect().build());
        }

        /** The transport closes (after the server's close, or the network dropped). */
        void drop() {
            connection.onClosed();
        }

        /** The PUBLISH packets sent to the client. */
        List<MqttPublishMessage> published() {
            List<MqttPublishMessage> out = new ArrayList<>();
            sink.sent.stream().filter(m -> m instanceof MqttPublishMessage).forEach(m -> out.add((MqttPublishMessage) m));
            return out;
        }

        /** The packets of one type sent to the client. */
        List<MqttMessage> sent(MqttMessageType type) {
            return sink.sent.stream().filter(m -> m.fixedHeader().messageType() == type).toList();
        }

        /** The packet ids of the PUBACK, PUBREC, PUBREL or PUBCOMP packets sent to the client. */
        List<Integer> acks(MqttMessageType type) {
            return sent(type).stream().map(m -> ((MqttMessageIdVariableHeader) m.variableHeader()).messageId()).toList();
        }

        boolean closed() {
            return sink.closed();
        }
    }

    static String text(MqttPublishMessage publish) {
        return new String(ByteBufUtil.getBytes(publish.payload()), StandardCharsets.UTF_8);
    }
}
