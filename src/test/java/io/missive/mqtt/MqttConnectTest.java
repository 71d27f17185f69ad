package io.missive.mqtt;

import io.missive.transport.CloseKind;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** CONNECT and CONNACK (MQTT 3.1.1 sections 3.1 and 3.2) and the first packet's rules, on the in-memory fixture. */
class MqttConnectTest {

    private final MqttFixture mqtt = new MqttFixture();

    private static MqttConnectReturnCode code(MqttFixture.Client client) {
        return ((MqttConnAckMessage) client.sink.sent.get(0)).variableHeader().connectReturnCode();
    }

    /** A refused CONNECT gets exactly one CONNACK with the code, no session present, and the connection closes. */
    private static void assertRefused(MqttFixture.Client client, MqttConnectReturnCode expected) {
        assertThat(client.sink.sent).hasSize(1);
        MqttConnAckMessage ack = (MqttConnAckMessage) client.sink.sent.get(0);
        assertThat(ack.variableHeader().connectReturnCode()).isEqualTo(expected);
        assertThat(ack.variableHeader().isSessionPresent()).isFalse();
        assertThat(client.closed()).isTrue();
    }

    /** Bytes through Netty's MQTT decoder, as the transport hands them over. */
    private static MqttMessage decoded(byte[] bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new MqttDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        MqttMessage message = channel.readInbound();
        channel.finishAndReleaseAll();
        return message;
    }

    /** A CONNECT with a clean session, keep-alive 60 s, no username. */
    private static byte[] connectBytes(String protocolName, int level, String clientId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, protocolName);
        body.write(level);
        body.write(0x02);
        body.write(0);
        body.write(60);
        writeString(body, clientId);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(body.size());   // under 128
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xff);
        out.writeBytes(b);
    }

    @Test
    @DisplayName("issue 17: the credentials are checked off the mailbox; a PINGREQ sent meanwhile waits for the CONNACK")
    void credentialsAreCheckedOffTheMailbox() {
        mqtt.fixture.holdCredentialChecks = true;
        MqttFixture.Client client = mqtt.client();
        client.send(client.connectPacket("c1", "user1", "pw", true, 60).build());
        client.send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false,
                MqttQoS.AT_MOST_ONCE, false, 0)));
        assertThat(client.sink.sent).isEmpty();
        assertThat(mqtt.fixture.runCredentialChecks()).isEqualTo(1);
        assertThat(code(client)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(client.sink.sent).extracting(m -> m.fixedHeader().messageType())
                .containsExactly(MqttMessageType.CONNACK, MqttMessageType.PINGRESP);
    }

    @Test
    @DisplayName("issue 17: a full credential-check executor: CONNACK 3 (server unavailable) at once, unchecked")
    void aFullCredentialCheckExecutorIsServerUnavailable() {
        mqtt.fixture.holdCredentialChecks = true;
        mqtt.fixture.credentialCheckPlaces = 0;
        MqttFixture.Client client = mqtt.client();
        client.send(client.connectPacket("c1", "user1", "pw", true, 60).build());
        assertRefused(client, MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
        assertThat(mqtt.fixture.observed.loginsBusy).isEqualTo(1);
        assertThat(mqtt.fixture.credentialChecks).isZero();
    }

    @Test
    @DisplayName("3.1 CONNECT is due within missive.mqtt.connect-timeout: a connection without one is closed")
    void connectTimeout() {
        MqttFixture.Client client = mqtt.client();
        mqtt.fixture.tick(MqttFixture.CONNECT_TIMEOUT - 1);
        assertThat(client.closed()).isFalse();
        mqtt.fixture.tick(1);
        assertThat(client.closed()).isTrue();
        assertThat(client.sink.closedWith).isEqualTo(CloseKind.POLICY);
        assertThat(client.sink.sent).isEmpty();
    }

    @Test
    @DisplayName("3.1 a CONNECT within the timeout ends the login deadline")
    void connectInTimeKeepsTheConnection() {
        MqttFixture.Client client = mqtt.client();
        mqtt.fixture.tick(MqttFixture.CONNECT_TIMEOUT - 1);
        assertThat(client.connect("c1", "user1", "pw", true, 0).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        mqtt.fixture.tick(10 * MqttFixture.CONNECT_TIMEOUT);
        assertThat(client.closed()).isFalse();
    }

    @Test
    @DisplayName("3.1.0-1 the first packet must be CONNECT: any other closes the connection without an answer")
    void firstPacketNotConnect() {
        MqttFixture.Client client = mqtt.client();
        client.send(MqttMessage.PINGREQ);
        assertThat(client.closed()).isTrue();
        assertThat(client.sink.sent).isEmpty();
    }

    @Test
    @DisplayName("3.1.0-2 a second CONNECT closes the connection")
    void secondConnect() {
        MqttFixture.Client client = mqtt.connected("c1", 1, true);
        client.send(client.connectPacket("c1", "user1", "pw", true, 0).build());
        assertThat(client.closed()).isTrue();
        assertThat(client.sink.sent).isEmpty();
    }

    @Test
    @DisplayName("3.2.2.3 return code 0: accepted, no session present for a new session")
    void accepted() {
        MqttFixture.Client client = mqtt.client();
        MqttConnAckMessage ack = client.connect("c1", "user1", "pw", false, 60);
        assertThat(ack.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(ack.variableHeader().isSessionPresent()).isFalse();
        assertThat(client.closed()).isFalse();
    }

    @Test
    @DisplayName("3.1.2.2 return code 1: an unacceptable protocol level")
    void unacceptableProtocolLevel() {
        MqttMessage connect = decoded(connectBytes("MQTT", 9, "c1"));
        assertThat(connect.decoderResult().isFailure()).isTrue();
        MqttFixture.Client client = mqtt.client();
        client.send(connect);
        assertRefused(client, MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
    }

    @Test
    @DisplayName("3.1.3.1 return code 2: a client id the decoder rejects (MQTT 3.1, over 23 characters)")
    void identifierRejectedByTheDecoder() {
        MqttMessage connect = decoded(connectBytes("MQIsdp", 3, "a-client-id-of-thirty-characters"));
        MqttFixture.Client client = mqtt.client();
        client.send(connect);
        assertRefused(client, MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
    }

    @Test
    @DisplayName("3.1.3-8 return code 2: an empty client id without a clean session")
    void emptyClientIdNeedsACleanSession() {
        MqttFixture.Client client = mqtt.client();
        client.connect("", "user1", "pw", false, 60);
        assertRefused(client, MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
    }

    @Test
    @DisplayName("3.1.3-6 an empty client id with a clean session gets a server-made id, a new one each time")
    void emptyClientIdWithACleanSession() {
        MqttFixture.Client first = mqtt.client();
        assertThat(first.connect("", "user1", "pw", true, 60).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        MqttFixture.Client second = mqtt.client();
        assertThat(second.connect("", "user1", "pw", true, 60).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(first.closed()).isFalse();   // not taken over: the ids differ
        assertThat(mqtt.engine.sessionCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("3.1.3-9 return code 2: a client id whose persistent session belongs to another user")
    void clientIdOfAnotherUser() {
        MqttFixture.Client first = mqtt.connected("shared", 1, false);
        first.disconnect();
        first.drop();
        MqttFixture.Client other = mqtt.client();
        other.connect("shared", "user2", "pw", false, 60);
        assertRefused(other, MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
        MqttFixture.Client owner = mqtt.client();
        MqttConnAckMessage ack = owner.connect("shared", "user1", "pw", false, 60);
        assertThat(ack.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(ack.variableHeader().isSessionPresent()).isTrue();
    }

    @Test
    @DisplayName("3.2.2.3 return code 3: server unavailable when the authentication service fails")
    void serverUnavailable() {
        MqttFixture.Client client = mqtt.client();
        client.connect("c1", "unreachable", "pw", true, 60);
        assertRefused(client, MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
    }

    @Test
    @DisplayName("3.2.2.3 return code 3: server unavailable when the server fails while accepting the CONNECT")
    void serverErrorDuringConnect() {
        mqtt.store.throwOnOpen = true;
        MqttFixture.Client client = mqtt.client();
        client.connect("c1", "user1", "pw", false, 60);
        assertRefused(client, MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
        assertThat(client.sink.closedWith).isEqualTo(CloseKind.SERVER_ERROR);
    }

    @Test
    @DisplayName("3.2.2.3 return code 3: a new persistent session the store cannot keep is refused, not acknowledged with CONNACK 0")
    void persistentSessionNotStored() {
        mqtt.store.failWrites = true;
        MqttFixture.Client client = mqtt.client();
        client.connect("c1", "user1", "pw", false, 60);
        assertRefused(client, MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
        mqtt.store.failWrites = false;
        MqttFixture.Client again = mqtt.client();
        assertThat(again.connect("c1", "user1", "pw", false, 60).variableHeader().isSessionPresent()).isFalse();
    }

    @Test
    @DisplayName("3.2.2.3 return code 3: a clean start over a persistent session whose deletion the store cannot keep is refused, not CONNACK 0")
    void cleanStartNotStored() {
        MqttFixture.Client first = mqtt.connected("c1", 1, false);
        first.subscribe(1, "t/#", 1);
        first.disconnect();
        first.drop();
        mqtt.store.failWrites = true;
        MqttFixture.Client clean = mqtt.client();
        clean.connect("c1", "user1", "pw", true, 60);
        assertRefused(clean, MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
    }

    @Test
    @DisplayName("3.2.2.3 return code 4: bad user name or password")
    void badCredentials() {
        MqttFixture.Client wrongPassword = mqtt.client();
        wrongPassword.connect("c1", "user1", "wrong", true, 60);
        assertRefused(wrongPassword, MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
        MqttFixture.Client noPassword = mqtt.client();
        noPassword.connect("c2", "user1", null, true, 60);
        assertRefused(noPassword, MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    @DisplayName("3.2.2.3 return code 5: not authorised, for an anonymous client where they are refused")
    void anonymousRefused() {
        MqttFixture.Client client = mqtt.client();
        client.connect("c1", null, null, true, 60);
        assertRefused(client, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
    }

    @Test
    @DisplayName("3.2.2.3 return code 5: not authorised, for a disabled account")
    void disabledAccount() {
        MqttFixture.Client client = mqtt.client();
        client.connect("c1", "disabled", "pw", true, 60);
        assertRefused(client, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
    }

    @Test
    @DisplayName("3.12 PINGREQ is answered with PINGRESP")
    void ping() {
        MqttFixture.Client client = mqtt.connected("c1", 1, true);
        client.send(MqttMessage.PINGREQ);
        assertThat(client.sink.sent).extracting(m -> m.fixedHeader().messageType())
                .containsExactly(MqttMessageType.PINGRESP);
    }

    @Test
    @DisplayName("3.3.2-2 a PUBLISH to a topic name with a wildcard closes the connection")
    void publishToAWildcard() {
        MqttFixture.Client client = mqtt.connected("c1", 1, true);
        client.publish("a/+/b", "x", 1, 1);
        assertThat(client.closed()).isTrue();
        assertThat(client.sink.sent).isEmpty();
    }

    @Test
    @DisplayName("4.8 a packet a client must not send (CONNACK) closes the connection")
    void serverPacketFromAClient() {
        MqttFixture.Client client = mqtt.connected("c1", 1, true);
        client.send(MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).build());
        assertThat(client.closed()).isTrue();
    }

    @Test
    @DisplayName("3.1 MQTT 3.1 (MQIsdp, level 3) clients are accepted")
    void mqtt31() {
        MqttFixture.Client client = mqtt.client();
        client.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1).clientId("old-client")
                .cleanSession(true).hasUser(true).username("user1").hasPassword(true)
                .password("pw".getBytes(StandardCharsets.UTF_8)).willQoS(MqttQoS.AT_MOST_ONCE).build());
        assertThat(code(client)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
    }
}
