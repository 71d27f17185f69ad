package io.missive.mqtt;

import io.missive.core.CoreFixture;
import io.missive.core.MessagingCore;
import io.missive.protocol.RecordingSink;
import io.missive.core.connection.ClientType;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.LiveConnection;
import io.missive.core.pubsub.PubSubEngine;
import io.missive.core.pubsub.PubSubMessage;
import io.missive.core.pubsub.PubSubSettings;
import io.missive.core.pubsub.PubSubStore;
import io.missive.core.session.CloseReason;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An anonymous MQTT client (where {@code missive.mqtt.allow-anonymous} allows one) has no core
 * session, so it registers its connection itself: listed as anonymous, counted, kicked, forgotten.
 * A unit test because the shared integration server refuses anonymous clients.
 */
class AnonymousConnectionTest {

    private final MessagingCore core = new CoreFixture().core;
    private final TestBroker broker = new TestBroker(core);
    private final RecordingSink<MqttMessage> sink = new RecordingSink<>();

    @Test
    void anAnonymousClientIsListedCountedAndKicked() {
        MqttConnection connection = new MqttConnection(broker, sink, "tcp");
        connection.onMessage(MqttMessageBuilders.connect().clientId("anonymous-1").protocolVersion(MqttVersion.MQTT_3_1_1)
                .cleanSession(true).keepAlive(60).build());
        assertThat(((MqttConnAckMessage) sink.sent.get(0)).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);

        List<LiveConnection> listed = core.connections().search("anonymous-1", "");
        assertThat(listed).hasSize(1);
        LiveConnection anonymous = listed.get(0);
        assertThat(anonymous.peer().kind()).isEqualTo(ConnectionKind.ANONYMOUS);
        assertThat(anonymous.peer().label()).isEqualTo("mqtt-tcp");
        assertThat(anonymous.uid()).isZero();
        assertThat(anonymous.clientType()).isEqualTo(ClientType.SUBSCRIBER);

        connection.onMessage(MqttMessageBuilders.publish().topicName("test/a").qos(MqttQoS.AT_MOST_ONCE)
                .payload(Unpooled.wrappedBuffer(new byte[]{1})).build());
        assertThat(anonymous.messagesIn()).isEqualTo(1);
        assertThat(anonymous.clientType()).isEqualTo(ClientType.BOTH);

        anonymous.close(CloseReason.KICKED);
        assertThat(sink.closed()).isTrue();
        connection.onClosed();
        assertThat(core.connections().count()).isZero();
    }

    private static final class TestBroker extends MqttBroker {
        private final MessagingCore core;
        private final PubSubEngine engine;
        private final MqttSettings settings = new MqttSettings(true, 10_000, TopicRules.parse("readwrite #"),
                "impush://modulus/news", "node1", 268_435_455);

        TestBroker(MessagingCore core) {
            this.core = core;
            this.engine = new PubSubEngine(new NoPubSubStore(), new PubSubSettings(20, 1_000), core::newMailbox);
        }

        @Override
        MessagingCore core() {
            return core;
        }

        @Override
        PubSubEngine engine() {
            return engine;
        }

        @Override
        MqttSettings settings() {
            return settings;
        }

        @Override
        MqttConnection connected(String clientId, MqttConnection connection) {
            return null;
        }

        @Override
        void disconnected(String clientId, MqttConnection connection) {
        }
    }

    /** Keeps nothing: clean sessions and QoS 0 only. */
    private static final class NoPubSubStore implements PubSubStore {
        @Override
        public List<StoredSession> loadSessions() {
            return List.of();
        }

        @Override
        public List<PubSubMessage> loadRetained() {
            return List.of();
        }

        @Override
        public List<StoredDelivery> pending(String clientId) {
            return List.of();
        }

        @Override
        public void openSession(String clientId, String username) {
        }

        @Override
        public void dropSession(String clientId) {
        }

        @Override
        public void subscribe(String clientId, Map<String, Integer> filters, Runnable committed) {
            committed.run();
        }

        @Override
        public void unsubscribe(String clientId, List<String> filters) {
        }

        @Override
        public void append(PubSubMessage message, List<Recipient> recipients, Qos2Receipt receipt,
                           Consumer<PubSubMessage> committed) {
            committed.accept(message);
        }

        @Override
        public void release(Qos2Receipt receipt, Consumer<Boolean> committed) {
            committed.accept(true);
        }

        @Override
        public void sent(String clientId, long storedId, int packetId) {
        }

        @Override
        public void released(String clientId, long storedId) {
        }

        @Override
        public void delivered(String clientId, long storedId) {
        }
    }
}
