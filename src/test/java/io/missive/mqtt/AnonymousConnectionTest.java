package io.missive.mqtt;

import io.missive.core.CoreSettings;
import io.missive.core.MessagingCore;
import io.missive.core.auth.AuthResult;
import io.missive.core.connection.ClientType;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.LiveConnection;
import io.missive.core.model.Message;
import io.missive.core.model.MemberSet;
import io.missive.core.model.MessageDraft;
import io.missive.core.pubsub.PubSubEngine;
import io.missive.core.pubsub.PubSubMessage;
import io.missive.core.pubsub.PubSubSettings;
import io.missive.core.pubsub.PubSubStore;
import io.missive.core.routing.SingleNodeRelay;
import io.missive.core.session.CloseReason;
import io.missive.core.session.DeliverySettings;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.core.store.AppendListener;
import io.missive.core.store.ChannelDirectory;
import io.missive.core.store.Directories;
import io.missive.core.store.MessageStore;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An anonymous MQTT client (where {@code missive.mqtt.allow-anonymous} allows one) has no core
 * session, so it registers its connection itself: listed as anonymous, counted, kicked, forgotten.
 * A unit test because the shared integration server refuses anonymous clients.
 */
class AnonymousConnectionTest {

    private final MessagingCore core = new MessagingCore(new NoMessages(),
            new Directories(uid -> false, groupId -> Optional.empty(), new NoChannels()),
            (user, password) -> new AuthResult.Denied(), (device, token, required) -> new AuthResult.Denied(),
            new SingleNodeRelay(), Runnable::run, InstantSource.system(),
            new CoreSettings(DuplicateLoginPolicy.REFUSE, new DeliverySettings(256, 2_000, 3, 2_048, 500), 65_535, 0));
    private final TestBroker broker = new TestBroker(core);
    private final RecordingSink sink = new RecordingSink();

    @Test
    void anAnonymousClientIsListedCountedAndKicked() {
        MqttConnection connection = new MqttConnection(broker, sink, "tcp");
        connection.onPacket(MqttMessageBuilders.connect().clientId("anonymous-1").protocolVersion(MqttVersion.MQTT_3_1_1)
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

        connection.onPacket(MqttMessageBuilders.publish().topicName("test/a").qos(MqttQoS.AT_MOST_ONCE)
                .payload(Unpooled.wrappedBuffer(new byte[]{1})).build());
        assertThat(anonymous.messagesIn()).isEqualTo(1);
        assertThat(anonymous.clientType()).isEqualTo(ClientType.BOTH);

        anonymous.close(CloseReason.KICKED);
        assertThat(sink.closed).isTrue();
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

    private static final class RecordingSink implements MqttPacketSink {
        final List<MqttMessage> sent = new ArrayList<>();
        boolean closed;

        @Override
        public void send(MqttMessage packet) {
            sent.add(packet);
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1:40000";
        }
    }

    private static final class NoMessages implements MessageStore {
        @Override
        public void append(MessageDraft draft, AppendListener listener) {
            listener.failed(new UnsupportedOperationException());
        }

        @Override
        public List<Message> pending(long uid, Map<Long, Long> sentSeqByConversation, int limit) {
            return List.of();
        }

        @Override
        public void markDelivered(long uid, long conversationId, long seq) {
        }

        @Override
        public int purgeExpired(long nowMillis) {
            return 0;
        }
    }

    private static final class NoChannels implements ChannelDirectory {
        @Override
        public MemberSet subscribers(long channelId) {
            return MemberSet.of();
        }

        @Override
        public boolean subscribe(long channelId, long uid) {
            return false;
        }

        @Override
        public boolean unsubscribe(long channelId, long uid) {
            return false;
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
        public void append(PubSubMessage message, List<Recipient> recipients, Consumer<PubSubMessage> committed) {
            committed.accept(message);
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
