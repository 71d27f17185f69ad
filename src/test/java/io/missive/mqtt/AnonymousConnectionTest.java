package io.missive.mqtt;

import io.missive.core.connection.ClientType;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.LiveConnection;
import io.missive.core.session.CloseReason;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An anonymous MQTT client (where {@code missive.mqtt.allow-anonymous} allows one) has no core
 * session, so it registers its connection itself: listed as anonymous, counted, kicked, forgotten.
 * A unit test because the shared integration server refuses anonymous clients.
 */
class AnonymousConnectionTest {

    private final MqttFixture mqtt = new MqttFixture(true, "readwrite #");

    @Test
    void anAnonymousClientIsListedCountedAndKicked() {
        MqttFixture.Client client = mqtt.client();
        assertThat(client.connect("anonymous-1", null, null, true, 60).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);

        List<LiveConnection> listed = mqtt.core.connections().search("anonymous-1", "");
        assertThat(listed).hasSize(1);
        LiveConnection anonymous = listed.get(0);
        assertThat(anonymous.peer().kind()).isEqualTo(ConnectionKind.ANONYMOUS);
        assertThat(anonymous.peer().label()).isEqualTo("mqtt-tcp");
        assertThat(anonymous.uid()).isZero();
        assertThat(anonymous.clientType()).isEqualTo(ClientType.SUBSCRIBER);

        client.publish("test/a", "x", 0, 0);
        assertThat(anonymous.messagesIn()).isEqualTo(1);
        assertThat(anonymous.clientType()).isEqualTo(ClientType.BOTH);

        anonymous.close(CloseReason.KICKED);
        assertThat(client.closed()).isTrue();
        client.drop();
        assertThat(mqtt.core.connections().count()).isZero();
    }

    @Test
    @DisplayName("anonymous clients obey missive.mqtt.anonymous-topic-rules, by default read public/# only: no '#', no writing, no will elsewhere")
    void anonymousClientsObeyTheirTopicRules() {
        MqttFixture.Client watcher = mqtt.subscribed("watcher", 1, true, "#", 1);
        MqttFixture.Client client = mqtt.client();
        client.send(client.connectPacket("anonymous-1", null, null, true, 60).willFlag(true).willTopic("private/will")
                .willMessage("gone").willQoS(MqttQoS.AT_MOST_ONCE).build());
        client.sink.sent.clear();

        assertThat(client.subscribe(1, "#", 1).payload().grantedQoSLevels()).containsExactly(TopicAccess.REFUSED);
        assertThat(client.subscribe(2, "users/user1/#", 1).payload().grantedQoSLevels())
                .containsExactly(TopicAccess.REFUSED);
        assertThat(client.subscribe(3, "public/#", 1).payload().grantedQoSLevels()).containsExactly(1);

        client.publish("public/news", "anonymous write", 1, 4);
        client.publish("users/user1/inbox", "anonymous write", 1, 5);
        assertThat(client.acks(MqttMessageType.PUBACK)).containsExactly(4, 5);   // acknowledged and dropped, as Mosquitto
        assertThat(watcher.published()).isEmpty();

        client.drop();
        assertThat(watcher.published()).isEmpty();   // the will's topic is not the client's to write either
    }

    @Test
    @DisplayName("an operator's anonymous-topic-rules grant what they say; %u and %c patterns match no anonymous client")
    void anonymousTopicRulesAsConfigured() {
        MqttFixture open = new MqttFixture(true, "readwrite #", "readwrite sensors/#, readwrite users/%u/#");
        MqttFixture.Client watcher = open.subscribed("watcher", 1, true, "#", 1);
        MqttFixture.Client client = open.client();
        client.connect("anonymous-1", null, null, true, 60);
        client.publish("sensors/t1", "21", 1, 1);
        client.publish("users/null/x", "no", 1, 2);
        assertThat(watcher.published()).extracting(MqttFixture::text).containsExactly("21");
    }
}
