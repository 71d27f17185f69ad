package io.missive.mqtt;

import io.missive.core.Publication;
import io.missive.core.PublishCallback;
import io.missive.core.Refusal;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.session.CloseReason;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 003's IM over MQTT: the push on the push topic, acknowledged by PUBACK, and im:// requests answered on their topic. */
class MqttImTest {

    private final MqttFixture mqtt = new MqttFixture();
    private final List<Message> stored = new ArrayList<>();

    /** user{@code from} sends {@code text} to user{@code to} through the core, as any protocol would. */
    private void send(long from, long to, String text) {
        mqtt.core.publishForBackEnd(from, Runnable::run, Publication.of(MessageId.random(), new Target.User(to),
                text.getBytes(StandardCharsets.UTF_8)), new PublishCallback() {
                    @Override
                    public void accepted(Message message) {
                        stored.add(message);
                    }

                    @Override
                    public void refused(Refusal refusal, String detail) {
                        throw new AssertionError(refusal + ": " + detail);
                    }
                });
    }

    private static int packetId(MqttPublishMessage publish) {
        return publish.variableHeader().packetId();
    }

    @Test
    @DisplayName("seed 003 push: a logged-in user's message arrives without subscribing, QoS 1, on the push topic, as the seed's record")
    void pushArrivesOnThePushTopic() {
        MqttFixture.Client client = mqtt.connected("im-1", 1, true);
        send(2, 1, "hello");
        assertThat(client.published()).hasSize(1);
        MqttPublishMessage push = client.published().get(0);
        assertThat(push.variableHeader().topicName()).isEqualTo(MqttFixture.PUSH_TOPIC);
        assertThat(push.fixedHeader().qosLevel().value()).isEqualTo(1);
        assertThat(MqttFixture.text(push)).contains("\"Payload\":\"hello\"", "\"From\":\"2\"", "\"Feeds\":\"user:2\"",
                "\"MsgType\":\"text\"");
    }

    @Test
    @DisplayName("seed 003 push: PUBACK is the delivery acknowledgement; an acknowledged push does not come again")
    void pubAckAcknowledgesThePush() {
        MqttFixture.Client client = mqtt.connected("im-1", 1, true);
        send(2, 1, "hello");
        client.ack(MqttMessageType.PUBACK, packetId(client.published().get(0)));
        mqtt.fixture.tick(60_000);
        assertThat(client.closed()).isFalse();
        client.disconnect();
        client.drop();
        MqttFixture.Client again = mqtt.connected("im-1", 1, true);
        send(2, 1, "second");
        assertThat(again.published()).extracting(MqttFixture::text).hasSize(1)
                .allSatisfy(t -> assertThat(t).contains("\"Payload\":\"second\""));
    }

    @Test
    @DisplayName("seed 003 push: not sent again on a live connection; unacknowledged after the resends it closes, and comes again on the next connection")
    void unacknowledgedPush() {
        MqttFixture.Client client = mqtt.connected("im-1", 1, true);
        send(2, 1, "hello");
        for (int i = 0; i < 4 && !client.closed(); i++) {
            mqtt.fixture.tick(2_000);
        }
        assertThat(client.published()).hasSize(1);
        assertThat(client.closed()).isTrue();
        assertThat(client.sink.closeReason).isEqualTo(CloseReason.NO_ACKNOWLEDGEMENT.text());
        client.drop();
        MqttFixture.Client again = mqtt.client();
        again.connect("im-1", "user1", "pw", true, 60);
        assertThat(again.published()).extracting(MqttFixture::text).hasSize(1)
                .allSatisfy(t -> assertThat(t).contains("\"Payload\":\"hello\""));
    }

    @Test
    @DisplayName("seed 003 push: each MQTT connection of a user gets every push, beside the packet ids of its own session")
    void everyConnectionOfTheUser() {
        MqttFixture.Client a = mqtt.connected("im-a", 1, true);
        MqttFixture.Client b = mqtt.connected("im-b", 1, true);
        b.subscribe(1, "t/#", 1);
        MqttFixture.Client pub = mqtt.connected("pub", 2, true);
        pub.publish("t/x", "standard", 1, 1);
        send(2, 1, "hello");
        assertThat(a.published()).hasSize(1);
        assertThat(b.published()).hasSize(2);
        assertThat(packetId(b.published().get(1))).isNotEqualTo(packetId(b.published().get(0)));
    }

    @Test
    @DisplayName("seed 003 requests: an im:// PUBLISH is acknowledged and answered on the same topic, QoS at most 1")
    void requestAnsweredOnItsTopic() {
        MqttFixture.Client client = mqtt.connected("im-1", 1, true);
        String topic = "im://modulus/no_such_method?msg_id=1";
        client.publish(topic, "{}", 2, 5);
        assertThat(client.acks(MqttMessageType.PUBREC)).containsExactly(5);
        assertThat(client.published()).hasSize(1);
        MqttPublishMessage reply = client.published().get(0);
        assertThat(reply.variableHeader().topicName()).isEqualTo(topic);
        assertThat(reply.fixedHeader().qosLevel().value()).isEqualTo(1);
        assertThat(MqttFixture.text(reply)).contains("unknown method 'no_such_method'");
        client.ack(MqttMessageType.PUBACK, packetId(reply));
        assertThat(client.closed()).isFalse();
    }

    @Test
    @DisplayName("seed 003 requests: send_to_user stores the message and the recipient gets it as a push")
    void sendToUser() {
        MqttFixture.Client sender = mqtt.connected("im-1", 1, true);
        MqttFixture.Client recipient = mqtt.connected("im-2", 2, true);
        sender.publish("im://modulus/send_to_user?msg_id=2", "{\"to\": \"2\", \"payload\": \"hi\"}", 0, 0);
        assertThat(sender.published()).hasSize(1);
        assertThat(MqttFixture.text(sender.published().get(0))).contains("\"Error\":\"\"", "\"MsgId\"");
        assertThat(sender.published().get(0).fixedHeader().qosLevel().value()).isZero();
        assertThat(recipient.published()).extracting(MqttFixture::text).hasSize(1)
                .allSatisfy(t -> assertThat(t).contains("\"Payload\":\"hi\"", "\"From\":\"1\""));
    }

    @Test
    @DisplayName("seed 003 requests: an anonymous client's request gets an Error")
    void anonymousRequest() {
        MqttFixture open = new MqttFixture(true, "readwrite #");
        MqttFixture.Client client = open.client();
        client.connect("anon", null, null, true, 60);
        client.sink.sent.clear();
        client.publish("im://modulus/send_to_user?msg_id=1", "{\"to\": \"2\", \"payload\": \"hi\"}", 1, 3);
        assertThat(client.acks(MqttMessageType.PUBACK)).containsExactly(3);
        assertThat(MqttFixture.text(client.published().get(0))).contains("log in with a username and password");
    }
}
