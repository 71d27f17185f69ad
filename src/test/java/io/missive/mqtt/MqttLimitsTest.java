package io.missive.mqtt;

import io.missive.core.pubsub.PubSubSettings;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What one client can make the broker hold: subscriptions per client, persistent sessions, retained
 * messages, each bounded with MQTT's own answers (issue 17).
 */
class MqttLimitsTest {

    private final MqttFixture mqtt = new MqttFixture();

    private void limits(int maxSubscriptions, int maxPersistentSessions, int maxRetained, long maxRetainedBytes) {
        mqtt.limits = new PubSubSettings(20, 1_000, maxSubscriptions, maxPersistentSessions, maxRetained,
                maxRetainedBytes);
        mqtt.restart();
    }

    private static MqttConnectReturnCode code(MqttConnAckMessage ack) {
        return ack.variableHeader().connectReturnCode();
    }

    @Test
    @DisplayName("SUBSCRIBE's filters past max-subscriptions get 0x80 and deliver nothing; a held filter replaced, or room freed by UNSUBSCRIBE, passes")
    void subscriptionsPastTheLimitAreRefused() {
        limits(3, 100, 100, 1 << 20);
        MqttFixture.Client sub = mqtt.connected("sub", 1, true);
        sub.subscribe(1, "a", 1);
        sub.send(MqttMessageBuilders.subscribe().messageId(2)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "b")
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "c")
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "d")
                .addSubscription(MqttQoS.EXACTLY_ONCE, "a")
                .build());
        assertThat(((MqttSubAckMessage) sub.sent(MqttMessageType.SUBACK).get(1)).payload().reasonCodes())
                .containsExactly(1, 1, 0x80, 2);
        MqttFixture.Client pub = mqtt.connected("pub", 2, true);
        pub.publish("d", "past", 1, 1);
        assertThat(sub.published()).isEmpty();

        sub.unsubscribe(3, "b");
        assertThat(sub.subscribe(4, "d", 1).payload().reasonCodes()).containsExactly(1);
        pub.publish("d", "now", 1, 2);
        assertThat(sub.published()).extracting(MqttFixture::text).containsExactly("now");
        assertThat(sub.closed()).isFalse();
    }

    @Test
    @DisplayName("a new persistent session past max-persistent-sessions gets CONNACK 3; resuming one, clean sessions and the room a clean start frees pass; a restart counts the stored ones")
    void persistentSessionsPastTheLimitAreRefused() {
        limits(10, 2, 100, 1 << 20);
        mqtt.connected("p1", 1, false).disconnect();
        mqtt.connected("p2", 1, false).disconnect();

        MqttFixture.Client third = mqtt.client();
        assertThat(code(third.connect("p3", "user1", "pw", false, 60)))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
        assertThat(third.closed()).isTrue();
        assertThat(mqtt.engine.persistentSessionCount()).isEqualTo(2);

        MqttFixture.Client resumed = mqtt.client();
        MqttConnAckMessage ack = resumed.connect("p1", "user1", "pw", false, 60);
        assertThat(code(ack)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(ack.variableHeader().isSessionPresent()).isTrue();
        resumed.disconnect();
        mqtt.connected("clean", 1, true).disconnect();

        mqtt.restart();
        assertThat(mqtt.engine.persistentSessionCount()).isEqualTo(2);
        assertThat(code(mqtt.client().connect("p3", "user1", "pw", false, 60)))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);

        // a clean start of p2 ends its persistent session (3.1.2.4), which makes room
        mqtt.connected("p2", 1, true).disconnect();
        assertThat(code(mqtt.client().connect("p3", "user1", "pw", false, 60)))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(mqtt.engine.persistentSessionCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("a retained PUBLISH to a new topic past max-retained is acknowledged and delivered but not retained; a held topic is replaced, a cleared one frees room")
    void retainedPastTheCountAreDeliveredButNotRetained() {
        limits(10, 100, 2, 1 << 20);
        MqttFixture.Client live = mqtt.connected("live", 1, true);
        live.subscribe(1, "t/#", 1);
        MqttFixture.Client pub = mqtt.connected("pub", 2, true);
        pub.publish("t/1", "one", 1, 1, true);
        pub.publish("t/2", "two", 1, 2, true);
        pub.publish("t/3", "three", 1, 3, true);
        pub.publish("t/1", "one again", 1, 4, true);
        assertThat(pub.acks(MqttMessageType.PUBACK)).containsExactly(1, 2, 3, 4);
        assertThat(live.published()).extracting(MqttFixture::text).containsExactly("one", "two", "three", "one again");
        assertThat(retainedSeenBy("late")).containsExactlyInAnyOrder("one again", "two");

        pub.publish("t/2", "", 1, 5, true);
        pub.publish("t/3", "three again", 1, 6, true);
        assertThat(retainedSeenBy("later")).containsExactlyInAnyOrder("one again", "three again");
        assertThat(mqtt.engine.retainedCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("a retained PUBLISH past max-retained-bytes is delivered but not retained, and the topic keeps what it had")
    void retainedPastTheBytesAreNotRetained() {
        limits(10, 100, 100, 10);
        MqttFixture.Client pub = mqtt.connected("pub", 2, true);
        pub.publish("t/1", "12345", 1, 1, true);
        pub.publish("t/2", "123456", 1, 2, true);
        pub.publish("t/1", "1234567890", 1, 3, true);
        assertThat(pub.acks(MqttMessageType.PUBACK)).containsExactly(1, 2, 3);
        assertThat(retainedSeenBy("late")).containsExactly("12345");
        // the room a smaller replacement leaves
        pub.publish("t/1", "1", 1, 4, true);
        pub.publish("t/2", "123456789", 1, 5, true);
        assertThat(retainedSeenBy("later")).containsExactlyInAnyOrder("1", "123456789");
    }

    @Test
    @DisplayName("retained publishes in flight at once take their room before their commit; a failed commit gives it back")
    void retainedInFlightAreCountedAndAFailedOneGivesItsRoomBack() {
        limits(10, 100, 1, 1 << 20);
        MqttFixture.Client pub = mqtt.connected("pub", 2, true);
        mqtt.store.autoCommit = false;
        pub.publish("t/1", "first", 1, 1, true);
        pub.publish("t/2", "second", 1, 2, true);
        mqtt.store.commit();
        assertThat(pub.acks(MqttMessageType.PUBACK)).containsExactly(1, 2);
        assertThat(retainedSeenBy("late")).containsExactly("first");

        mqtt.store.autoCommit = true;
        pub.publish("t/1", "", 1, 3, true);
        mqtt.store.autoCommit = false;
        mqtt.store.failWrites = true;
        pub.publish("t/3", "fails", 1, 4, true);
        mqtt.store.commit();
        assertThat(pub.closed()).isTrue();
        mqtt.store.failWrites = false;
        mqtt.store.autoCommit = true;
        MqttFixture.Client again = mqtt.connected("again", 2, true);
        again.publish("t/4", "retained", 1, 1, true);
        assertThat(retainedSeenBy("later")).containsExactly("retained");
    }

    /** The retained messages a new subscriber to everything gets. */
    private List<String> retainedSeenBy(String clientId) {
        MqttFixture.Client late = mqtt.connected(clientId, 3, true);
        late.subscribe(1, "#", 1);
        List<String> seen = late.published().stream().map(MqttFixture::text).toList();
        late.disconnect();
        return seen;
    }

    @Test
    @DisplayName("a limit set below its least (no subscription at all, a negative count or size) is refused at start")
    void badLimitsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PubSubSettings(20, 1_000, 0, 100, 100, 1))
                .withMessageContaining("max subscriptions");
        assertThatIllegalArgumentException().isThrownBy(() -> new PubSubSettings(20, 1_000, 1, -1, 100, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new PubSubSettings(20, 1_000, 1, 100, -1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new PubSubSettings(20, 1_000, 1, 100, 100, -1));
        assertThat(new PubSubSettings(20, 1_000, 1, 0, 0, 0).maxPersistentSessions()).isZero();
    }
}
