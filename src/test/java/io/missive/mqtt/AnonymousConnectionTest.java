package io.missive.mqtt;

import io.missive.core.connection.ClientType;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.LiveConnection;
import io.missive.core.session.CloseReason;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
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
}
