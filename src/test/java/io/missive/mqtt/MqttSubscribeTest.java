package io.missive.mqtt;

import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** SUBSCRIBE, SUBACK, UNSUBSCRIBE and retained messages (MQTT 3.1.1 sections 3.3.1.3, 3.8 to 3.11). */
class MqttSubscribeTest {

    private final MqttFixture mqtt = new MqttFixture(false, "readwrite users/%u/#, read news/#");

    @Test
    @DisplayName("3.9.3 SUBACK has one code per filter, in order: the granted QoS, or 0x80 where the topic rules refuse")
    void subAckCodes() {
        MqttFixture.Client client = mqtt.connected("c1", 1, true);
        client.send(MqttMessageBuilders.subscribe().messageId(3)
                .addSubscription(MqttQoS.EXACTLY_ONCE, "users/user1/#")
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "users/+/inbox")
                .addSubscription(MqttQoS.AT_MOST_ONCE, "news/today")
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "private/x")
                .addSubscription(MqttQoS.EXACTLY_ONCE, MqttFixture.PUSH_TOPIC)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "im://modulus/send_to_user")
                .build());
        MqttSubAckMessage ack = (MqttSubAckMessage) client.sink.sent.get(0);
        assertThat(ack.variableHeader().messageId()).isEqualTo(3);
        // the push topic is granted at QoS 1 at most and adds nothing; im:// is never a subscription
        assertThat(ack.payload().reasonCodes()).containsExactly(2, 0x80, 0, 0x80, 1, 0x80);
    }

    @Test
    @DisplayName("3.8.3-2 / 4.7.1 an invalid topic filter closes the connection")
    void invalidFilter() {
        MqttFixture.Client client = mqtt.connected("c1", 1, true);
        client.send(MqttMessageBuilders.subscribe().messageId(3).addSubscription(MqttQoS.AT_MOST_ONCE, "users/#/x")
                .build());
        assertThat(client.closed()).isTrue();
        assertThat(client.sink.sent).isEmpty();
    }

    @Test
    @DisplayName("3.3.1.3 a retained message goes to each new matching subscription with the retain flag; live ones without")
    void retainedOnSubscribe() {
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        pub.publish("users/user1/status", "online", 1, 1, true);
        MqttFixture.Client sub = mqtt.connected("sub", 1, true);
        sub.subscribe(2, "users/user1/#", 1);
        assertThat(sub.sink.sent.get(0).fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
        assertThat(sub.published()).hasSize(1);
        assertThat(MqttFixture.text(sub.published().get(0))).isEqualTo("online");
        assertThat(sub.published().get(0).fixedHeader().isRetain()).isTrue();
        pub.publish("users/user1/status", "away", 1, 2, true);
        assertThat(sub.published()).hasSize(2);
        assertThat(sub.published().get(1).fixedHeader().isRetain()).isFalse();
    }

    @Test
    @DisplayName("3.3.1-10 a retained publish with an empty payload clears the topic's retained message, and is delivered as usual")
    void emptyRetainedClears() {
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        pub.publish("users/user1/status", "online", 1, 1, true);
        MqttFixture.Client current = mqtt.connected("current", 1, true);
        current.subscribe(2, "users/user1/#", 1);
        pub.publish("users/user1/status", "", 1, 2, true);
        assertThat(current.published()).extracting(MqttFixture::text).containsExactly("online", "");
        MqttFixture.Client later = mqtt.connected("later", 1, true);
        later.subscribe(2, "users/user1/#", 1);
        assertThat(later.published()).isEmpty();
    }

    @Test
    @DisplayName("3.10 / 3.11 UNSUBSCRIBE is answered with UNSUBACK and ends the subscription")
    void unsubscribe() {
        MqttFixture.Client sub = mqtt.connected("sub", 1, true);
        sub.subscribe(2, "users/user1/#", 0);
        sub.send(MqttMessageBuilders.unsubscribe().messageId(4).addTopicFilter("users/user1/#").build());
        assertThat(sub.sent(MqttMessageType.UNSUBACK)).hasSize(1);
        assertThat(((MqttMessageIdVariableHeader) sub.sent(MqttMessageType.UNSUBACK).get(0).variableHeader())
                .messageId()).isEqualTo(4);
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        pub.publish("users/user1/x", "after", 0, 0);
        assertThat(sub.published()).isEmpty();
    }

    @Test
    @DisplayName("3.3.5-1 a message reaches a client once even when several of its filters match, at the highest granted QoS")
    void overlappingSubscriptions() {
        MqttFixture.Client sub = mqtt.connected("sub", 1, true);
        sub.subscribe(2, "users/user1/#", 0);
        sub.subscribe(3, "users/user1/+", 1);
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        pub.publish("users/user1/x", "once", 1, 1);
        assertThat(sub.published()).hasSize(1);
        assertThat(sub.published().get(0).fixedHeader().qosLevel().value()).isEqualTo(1);
    }
}
