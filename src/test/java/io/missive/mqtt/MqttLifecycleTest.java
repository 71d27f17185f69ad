package io.missive.mqtt;

import io.missive.protocol.ConnectionLifecycle;
import io.missive.transport.CloseKind;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** How an MQTT connection ends: keep-alive, will, DISCONNECT, takeover, a failing store, a slow reader. */
class MqttLifecycleTest {

    private final MqttFixture mqtt = new MqttFixture();
    private final Logger closeLog = Logger.getLogger(ConnectionLifecycle.class.getName());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private MqttFixture.Client watcher;

    @BeforeEach
    void watchWills() {
        closeLog.addHandler(recorder);
        watcher = mqtt.connected("watcher", 2, true);
        watcher.subscribe(1, "wills/#", 0);
        watcher.sink.sent.clear();
    }

    @AfterEach
    void stopRecording() {
        closeLog.removeHandler(recorder);
    }

    /** user1 as {@code clientId}, with a QoS 0 will on wills/{@code clientId}. */
    private MqttFixture.Client withWill(String clientId, int keepAlive) {
        MqttFixture.Client client = mqtt.client();
        client.send(client.connectPacket(clientId, "user1", "pw", true, keepAlive).willFlag(true)
                .willTopic("wills/" + clientId).willMessage("gone").willQoS(MqttQoS.AT_MOST_ONCE).build());
        assertThat(client.sink.sent).hasSize(1);
        client.sink.sent.clear();
        return client;
    }

    private List<String> wills() {
        return watcher.published().stream().map(p -> p.variableHeader().topicName() + "=" + MqttFixture.text(p))
                .toList();
    }

    private long closeLines() {
        return logged.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue()
                && r.getMessage().startsWith("MSV1001")).count();
    }

    @Test
    @DisplayName("3.1.2.10 keep-alive: silent for 1.5 times the keep-alive closes the connection, and 3.1.2.5 its will goes out")
    void keepAliveLapsePublishesTheWill() {
        MqttFixture.Client client = withWill("c1", 10);
        mqtt.fixture.tick(14_999);
        assertThat(client.closed()).isFalse();
        mqtt.fixture.tick(1);
        assertThat(client.closed()).isTrue();
        client.drop();
        assertThat(wills()).containsExactly("wills/c1=gone");
    }

    @ParameterizedTest(name = "will topic ''{0}''")
    @ValueSource(strings = {"wills/#", "wills/+/x", "#", ""})
    @DisplayName("4.7.1-1, 4.7.3-1, 4.8.0-1: a will topic with a wildcard, or empty, is a protocol violation: closed without CONNACK, once logged, no will")
    void invalidWillTopicClosesWithoutConnack_4_7_1_1_4_7_3_1_4_8_0_1(String topic) {
        MqttFixture.Client client = mqtt.client();
        client.send(client.connectPacket("c1", "user1", "pw", true, 60).willFlag(true)
                .willTopic(topic).willMessage("gone").willQoS(MqttQoS.AT_MOST_ONCE).willRetain(true).build());
        assertThat(client.sink.sent).isEmpty();
        assertThat(client.closed()).isTrue();
        assertThat(closeLines()).isEqualTo(1);
        client.drop();
        assertThat(wills()).isEmpty();
        assertThat(mqtt.engine.sessionCount()).isEqualTo(1);   // the watcher's only
    }

    @Test
    @DisplayName("3.1.2.10 keep-alive: any packet from the client, PINGREQ too, starts the keep-alive again")
    void packetsKeepTheConnectionAlive() {
        MqttFixture.Client client = withWill("c1", 10);
        mqtt.fixture.tick(10_000);
        client.send(MqttMessage.PINGREQ);
        mqtt.fixture.tick(14_999);
        assertThat(client.closed()).isFalse();
        mqtt.fixture.tick(1);
        assertThat(client.closed()).isTrue();
    }

    @Test
    @DisplayName("3.1.2.10 keep-alive 0 turns the mechanism off")
    void keepAliveZero() {
        MqttFixture.Client client = withWill("c1", 0);
        mqtt.fixture.tick(3_600_000);
        assertThat(client.closed()).isFalse();
    }

    @Test
    @DisplayName("3.1.2.5 the will goes out when the network drops the connection")
    void droppedConnectionPublishesTheWill() {
        MqttFixture.Client client = withWill("c1", 60);
        client.drop();
        assertThat(wills()).containsExactly("wills/c1=gone");
    }

    @Test
    @DisplayName("3.14.4-3 DISCONNECT closes the connection and discards the will")
    void disconnectDiscardsTheWill() {
        MqttFixture.Client client = withWill("c1", 60);
        client.disconnect();
        assertThat(client.closed()).isTrue();
        client.drop();
        assertThat(wills()).isEmpty();
        assertThat(closeLines()).isZero();   // the client's own close is not an operator's matter
    }

    @Test
    @DisplayName("3.1.4-2 a second connection with the client id closes the first, without its will")
    void takeover() {
        MqttFixture.Client first = withWill("c1", 60);
        MqttFixture.Client second = mqtt.client();
        assertThat(second.connect("c1", "user1", "pw", true, 60).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(first.closed()).isTrue();
        first.drop();
        assertThat(wills()).isEmpty();
        assertThat(second.closed()).isFalse();
        assertThat(mqtt.clientIds.get("c1")).isSameAs(second.connection);

        second.subscribe(1, "news", 0);
        watcher.publish("news", "hello", 0, 0);
        assertThat(second.published()).extracting(MqttFixture::text).containsExactly("hello");
        assertThat(first.published()).isEmpty();
    }

    @Test
    @DisplayName("4.3.2 a QoS 1 publish the store cannot take closes the connection unacknowledged, and its will goes out")
    void failingStoreClosesAndPublishesTheWill() {
        MqttFixture.Client client = withWill("c1", 60);
        mqtt.store.failWrites = true;
        client.publish("data/x", "lost", 1, 5);
        assertThat(client.sent(MqttMessageType.PUBACK)).isEmpty();
        assertThat(client.closed()).isTrue();
        client.drop();
        assertThat(wills()).containsExactly("wills/c1=gone");
    }

    @Test
    @DisplayName("4.3.2 a store that throws closes the connection as a server error, once, and its will goes out")
    void throwingStoreClosesAndPublishesTheWill() {
        MqttFixture.Client client = withWill("c1", 60);
        mqtt.store.throwOnAppend = true;
        client.publish("data/x", "lost", 1, 5);
        assertThat(client.sent(MqttMessageType.PUBACK)).isEmpty();
        assertThat(client.sink.closedWith).isEqualTo(CloseKind.SERVER_ERROR);
        client.publish("data/x", "after", 1, 6);
        client.drop();
        assertThat(client.sink.sent).isEmpty();
        assertThat(wills()).containsExactly("wills/c1=gone");
    }

    @Test
    @DisplayName("4.8 a client that does not read is closed with one log line, and its will goes out")
    void backpressure() {
        MqttFixture.Client client = withWill("c1", 60);
        client.connection.onBackpressure();
        assertThat(client.sink.closedWith).isEqualTo(CloseKind.POLICY);
        client.connection.onBackpressure();
        client.drop();
        assertThat(closeLines()).isEqualTo(1);
        assertThat(logged).filteredOn(r -> r.getMessage().startsWith("MSV1001"))
                .allSatisfy(r -> assertThat(r.getMessage()).contains("client c1", "does not read fast enough"));
        assertThat(wills()).containsExactly("wills/c1=gone");
    }

    @Test
    @DisplayName("4.8 a client that does not read before its CONNECT is closed with one log line")
    void backpressureBeforeConnect() {
        MqttFixture.Client client = mqtt.client();
        client.connection.onBackpressure();
        client.connection.onBackpressure();
        assertThat(client.sink.closedWith).isEqualTo(CloseKind.POLICY);
        client.drop();
        assertThat(closeLines()).isEqualTo(1);
    }
}
