package io.missive.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every acknowledgement comes after the durable step it stands for (MQTT 3.1.1, 4.3.2, 4.3.3,
 * 3.9.3): PUBACK and PUBREC of standard and {@code im://} publishes, SUBACK and UNSUBACK.
 */
class MqttAcknowledgementTest {

    private final MqttFixture mqtt = new MqttFixture();

    /** A PUBLISH sent again, with the DUP flag (3.3.1.1). */
    private static MqttPublishMessage resent(String topic, String payload, int qos, int packetId) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, true, MqttQoS.valueOf(qos), false, 0),
                new MqttPublishVariableHeader(topic, packetId),
                Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("4.3.2 an im://send_to_user request at QoS 1 gets PUBACK only once its message is stored, with its answer")
    void imRequestAcknowledgedOnceStored() {
        MqttFixture.Client sender = mqtt.connected("im-1", 1, true);
        mqtt.fixture.store.autoCommit = false;
        sender.publish("im://modulus/send_to_user?msg_id=1", "{\"to\": \"2\", \"payload\": \"hi\"}", 1, 3);
        assertThat(sender.sent(MqttMessageType.PUBACK)).isEmpty();
        mqtt.fixture.store.commit();
        assertThat(sender.acks(MqttMessageType.PUBACK)).containsExactly(3);
        assertThat(MqttFixture.text(sender.published().get(0))).contains("\"Error\":\"\"", "\"MsgId\"");
    }

    @Test
    @DisplayName("4.3.3 an im:// request at QoS 2 sent again as DUP runs once: PUBREC after the commit, again for a later DUP")
    void imRequestQos2ResentRunsOnce() {
        MqttFixture.Client sender = mqtt.connected("im-1", 1, true);
        MqttFixture.Client recipient = mqtt.connected("im-2", 2, true);
        mqtt.fixture.store.autoCommit = false;
        String topic = "im://modulus/send_to_user?msg_id=1";
        String body = "{\"to\": \"2\", \"payload\": \"hi\"}";
        sender.publish(topic, body, 2, 4);
        sender.send(resent(topic, body, 2, 4));
        assertThat(sender.sent(MqttMessageType.PUBREC)).isEmpty();
        mqtt.fixture.store.commit();
        assertThat(sender.acks(MqttMessageType.PUBREC)).containsExactly(4);
        sender.send(resent(topic, body, 2, 4));
        mqtt.fixture.store.commit();
        assertThat(sender.acks(MqttMessageType.PUBREC)).containsExactly(4, 4);
        assertThat(recipient.published()).hasSize(1);
        assertThat(sender.published()).hasSize(1);
        sender.ack(MqttMessageType.PUBREL, 4);
        assertThat(sender.acks(MqttMessageType.PUBCOMP)).containsExactly(4);
    }

    /** A persistent publisher that sent a QoS 2 publish, then again as DUP, both before the commit. */
    private MqttFixture.Client publishedTwiceBeforeTheCommit() {
        MqttFixture.Client pub = mqtt.connected("pub", 1, false);
        mqtt.store.autoCommit = false;
        pub.publish("t/a", "once", 2, 7);
        pub.send(resent("t/a", "once", 2, 7));
        assertThat(pub.sent(MqttMessageType.PUBREC)).isEmpty();
        return pub;
    }

    @Test
    @DisplayName("4.3.3 a QoS 2 publish sent again while the first is being stored gets no PUBREC before the commit, none if it fails")
    void qos2ResentWhileStoring() {
        MqttFixture.Client sub = mqtt.subscribed("sub", 2, false, "t/#", 2);
        MqttFixture.Client pub = publishedTwiceBeforeTheCommit();
        mqtt.store.failWrites = true;
        mqtt.store.commit();
        assertThat(pub.sent(MqttMessageType.PUBREC)).isEmpty();
        assertThat(pub.closed()).isTrue();
        assertThat(mqtt.store.receipts("pub")).isEmpty();
        assertThat(sub.published()).isEmpty();
    }

    @Test
    @DisplayName("4.3.3 a QoS 2 publish sent again while the first is being stored: one PUBREC after the commit, one delivery")
    void qos2ResentWhileStoringIsStoredOnce() {
        MqttFixture.Client sub = mqtt.subscribed("sub", 2, false, "t/#", 2);
        MqttFixture.Client pub = publishedTwiceBeforeTheCommit();
        mqtt.store.commit();
        assertThat(pub.acks(MqttMessageType.PUBREC)).containsExactly(7);
        assertThat(sub.published()).extracting(MqttFixture::text).containsExactly("once");
    }

    @Test
    @DisplayName("4.3.3 a QoS 2 publish sent again on a new connection while the first copy is being stored gets its PUBREC there, once stored")
    void qos2ResentOnANewConnectionWhileStoring() {
        MqttFixture.Client sub = mqtt.subscribed("sub", 2, false, "t/#", 2);
        MqttFixture.Client pub = mqtt.connected("pub", 1, false);
        mqtt.store.autoCommit = false;
        pub.publish("t/a", "once", 2, 7);
        pub.drop();
        MqttFixture.Client again = mqtt.client();
        again.connect("pub", "user1", "pw", false, 60);
        again.send(resent("t/a", "once", 2, 7));
        assertThat(again.sent(MqttMessageType.PUBREC)).isEmpty();
        mqtt.store.commit();
        assertThat(again.acks(MqttMessageType.PUBREC)).containsExactly(7);
        assertThat(sub.published()).extracting(MqttFixture::text).containsExactly("once");
    }

    @Test
    @DisplayName("3.9.3 a subscription the store cannot keep is refused with 0x80, and nothing is delivered for it")
    void failedSubscribeIsRefused() {
        MqttFixture.Client sub = mqtt.connected("sub", 2, false);
        mqtt.store.failWrites = true;
        MqttSubAckMessage ack = sub.subscribe(1, "t/#", 1);
        assertThat(ack.payload().grantedQoSLevels()).containsExactly(TopicAccess.REFUSED);
        mqtt.store.failWrites = false;
        sub.sink.sent.clear();
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        pub.publish("t/a", "not for sub", 1, 1);
        assertThat(sub.published()).isEmpty();
    }

    @Test
    @DisplayName("3.11 an unsubscribe the store cannot keep gets no UNSUBACK: MQTT 3.1.1 has no failure code, the connection closes")
    void failedUnsubscribeClosesTheConnection() {
        MqttFixture.Client sub = mqtt.subscribed("sub", 2, false, "t/#", 1);
        mqtt.store.failWrites = true;
        sub.unsubscribe(2, "t/#");
        assertThat(sub.sent(MqttMessageType.UNSUBACK)).isEmpty();
        assertThat(sub.closed()).isTrue();
    }

    @Test
    @DisplayName("3.11 UNSUBACK of a persistent session comes once the unsubscribe is stored")
    void unsubAckOnceStored() {
        MqttFixture.Client sub = mqtt.subscribed("sub", 2, false, "t/#", 1);
        mqtt.store.autoCommit = false;
        sub.unsubscribe(2, "t/#");
        assertThat(sub.sent(MqttMessageType.UNSUBACK)).isEmpty();
        mqtt.store.commit();
        assertThat(sub.sent(MqttMessageType.UNSUBACK)).hasSize(1);
    }
}
