package io.missive.mqtt;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** QoS 1 and 2 both ways (MQTT 3.1.1 sections 3.3 to 3.7 and 4.3), and persistent sessions (3.1.2.4, 4.4). */
class MqttQosTest {

    private final MqttFixture mqtt = new MqttFixture();

    private static int packetId(MqttPublishMessage publish) {
        return publish.variableHeader().packetId();
    }

    /** A persistent subscriber to "t/#" with {@code qos}, as user2 and client id "sub". */
    private MqttFixture.Client subscriber(int qos) {
        MqttFixture.Client sub = mqtt.connected("sub", 2, false);
        sub.subscribe(1, "t/#", qos);
        sub.sink.sent.clear();
        return sub;
    }

    private MqttFixture.Client reconnect(String clientId, int user, boolean sessionPresent) {
        MqttFixture.Client client = mqtt.client();
        MqttConnAckMessage ack = client.connect(clientId, "user" + user, "pw", false, 60);
        assertThat(ack.variableHeader().isSessionPresent()).isEqualTo(sessionPresent);
        client.sink.sent.remove(0);
        return client;
    }

    @Test
    @DisplayName("issue 17: QoS 1 and 2 publishes awaiting their commit count in the inbound backlog: at 64 the"
            + " transport stops reading, and reads again once they are committed")
    void publishesAwaitingCommitCountInTheInboundBacklog() {
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        MqttFixture.Client other = mqtt.connected("other", 3, true);
        mqtt.store.autoCommit = false;
        for (int i = 1; i <= 63; i++) {
            pub.publish("t/a", "m" + i, i % 2 + 1, i);
        }
        assertThat(pub.sink.readingPaused).isFalse();
        pub.publish("t/a", "m64", 1, 64);
        assertThat(pub.sink.readingPaused).as("one client cannot queue unbounded work for the shared writer").isTrue();
        assertThat(other.sink.readingPaused).isFalse();

        mqtt.store.commit();
        assertThat(pub.acks(MqttMessageType.PUBACK).size() + pub.acks(MqttMessageType.PUBREC).size()).isEqualTo(64);
        assertThat(pub.sink.readingPaused).isFalse();
    }

    @Test
    @DisplayName("issue 17: im:// requests count in the inbound backlog until answered (a send_to_user until its commit)")
    void imRequestsCountInTheInboundBacklogUntilAnswered() {
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        mqtt.fixture.store.autoCommit = false;
        for (int i = 1; i <= 64; i++) {
            pub.publish("im://modulus/send_to_user?msg_id=" + i, "{\"to\": \"2\", \"payload\": \"hi\"}", 1, i);
        }
        assertThat(pub.sent(MqttMessageType.PUBACK)).isEmpty();
        assertThat(pub.sink.readingPaused).isTrue();

        mqtt.fixture.store.commit();
        assertThat(pub.acks(MqttMessageType.PUBACK)).hasSize(64);
        assertThat(pub.sink.readingPaused).isFalse();
    }

    @Test
    @DisplayName("4.3.2 QoS 1 from the client: PUBACK only once the store committed the message, and it is delivered then")
    void qos1FromTheClient() {
        MqttFixture.Client sub = subscriber(1);
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        mqtt.store.autoCommit = false;
        pub.publish("t/a", "one", 1, 11);
        assertThat(pub.sent(MqttMessageType.PUBACK)).isEmpty();
        assertThat(sub.published()).isEmpty();
        mqtt.store.commit();
        assertThat(pub.acks(MqttMessageType.PUBACK)).containsExactly(11);
        assertThat(sub.published()).extracting(MqttFixture::text).containsExactly("one");
    }

    @Test
    @DisplayName("4.3.2 QoS 1 to the client: sent once with a packet id; PUBACK ends it; nothing is resent on a live connection")
    void qos1ToTheClient() {
        MqttFixture.Client sub = subscriber(1);
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        pub.publish("t/a", "one", 1, 11);
        assertThat(sub.published()).hasSize(1);
        MqttPublishMessage sent = sub.published().get(0);
        assertThat(sent.fixedHeader().qosLevel().value()).isEqualTo(1);
        assertThat(sent.fixedHeader().isDup()).isFalse();
        assertThat(sent.fixedHeader().isRetain()).isFalse();
        mqtt.fixture.tick(30_000);
        assertThat(sub.published()).hasSize(1);
        sub.ack(MqttMessageType.PUBACK, packetId(sent));
        sub.drop();
        MqttFixture.Client again = reconnect("sub", 2, true);
        assertThat(again.published()).isEmpty();
    }

    @Test
    @DisplayName("4.4 a long-offline persistent session's pending messages are read from the store a page at a time, all delivered in order")
    void pendingMessagesAreReadInPages() {
        MqttFixture.Client sub = subscriber(1);
        sub.drop();
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        int count = 5_000;
        for (int i = 1; i <= count; i++) {
            pub.publish("t/a", Integer.toString(i), 1, i % 60_000 + 1);
        }
        mqtt.restart();   // nothing in memory: all of it is in the store
        MqttFixture.Client again = reconnect("sub", 2, true);
        List<String> received = new ArrayList<>();
        while (!again.published().isEmpty()) {
            List<MqttPublishMessage> batch = again.published();
            again.sink.sent.clear();
            for (MqttPublishMessage p : batch) {
                received.add(MqttFixture.text(p));
                again.ack(MqttMessageType.PUBACK, packetId(p));
            }
        }
        assertThat(received).hasSize(count).first().isEqualTo("1");
        assertThat(received).last().isEqualTo(Integer.toString(count));
        // in-flight window 20 and queue 1,000 (MqttFixture): a page holds what fits and as much again, at most
        assertThat(mqtt.store.largestPendingRead()).isLessThanOrEqualTo(2 * (20 + 1_000));
    }

    @Test
    @DisplayName("4.4 a persistent session's unacknowledged QoS 1 message is sent again on reconnect, with its packet id and DUP")
    void qos1ResentOnReconnect() {
        MqttFixture.Client sub = subscriber(1);
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        pub.publish("t/a", "one", 1, 11);
        int id = packetId(sub.published().get(0));
        sub.drop();
        pub.publish("t/a", "two", 1, 12);   // arrives while the client is away
        MqttFixture.Client again = reconnect("sub", 2, true);
        assertThat(again.published()).extracting(MqttFixture::text).containsExactly("one", "two");
        MqttPublishMessage resent = again.published().get(0);
        assertThat(packetId(resent)).isEqualTo(id);
        assertThat(resent.fixedHeader().isDup()).isTrue();
        assertThat(again.published().get(1).fixedHeader().isDup()).isFalse();
    }

    @Test
    @DisplayName("4.4 a persistent session and its message in flight survive a restart: sent again with its packet id and DUP")
    void qos1SurvivesARestart() {
        MqttFixture.Client sub = subscriber(1);
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        pub.publish("t/a", "one", 1, 11);
        int id = packetId(sub.published().get(0));
        mqtt.restart();
        MqttFixture.Client again = reconnect("sub", 2, true);
        assertThat(again.published()).hasSize(1);
        assertThat(MqttFixture.text(again.published().get(0))).isEqualTo("one");
        assertThat(packetId(again.published().get(0))).isEqualTo(id);
        assertThat(again.published().get(0).fixedHeader().isDup()).isTrue();
        MqttFixture.Client newPub = mqtt.connected("pub2", 1, true);
        newPub.publish("t/b", "after", 1, 1);   // the subscription was restored too
        assertThat(again.published()).extracting(MqttFixture::text).containsExactly("one", "after");
    }

    @Test
    @DisplayName("3.1.2.4 clean session 1 discards a previous session: nothing is resent, no session present")
    void cleanSessionDiscards() {
        MqttFixture.Client sub = subscriber(1);
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        pub.publish("t/a", "one", 1, 11);
        sub.drop();
        MqttFixture.Client clean = mqtt.client();
        assertThat(clean.connect("sub", "user2", "pw", true, 60).variableHeader().isSessionPresent()).isFalse();
        assertThat(clean.published()).isEmpty();
        pub.publish("t/a", "two", 1, 12);
        assertThat(clean.published()).isEmpty();   // the subscription went with the session
    }

    @Test
    @DisplayName("4.3.3 QoS 2 from the client: PUBREC once stored; a repeated PUBLISH gets PUBREC and is not delivered twice")
    void qos2FromTheClient() {
        MqttFixture.Client sub = subscriber(2);
        MqttFixture.Client pub = mqtt.connected("pub", 1, false);
        mqtt.store.autoCommit = false;
        pub.publish("t/a", "once", 2, 7);
        assertThat(pub.sent(MqttMessageType.PUBREC)).isEmpty();
        mqtt.store.commit();
        assertThat(pub.acks(MqttMessageType.PUBREC)).containsExactly(7);
        assertThat(sub.published()).extracting(MqttFixture::text).containsExactly("once");
        pub.publish("t/a", "once", 2, 7);   // the client did not see the PUBREC and sends it again
        mqtt.store.commit();
        assertThat(pub.acks(MqttMessageType.PUBREC)).containsExactly(7, 7);
        assertThat(sub.published()).hasSize(1);
    }

    @Test
    @DisplayName("4.3.3 PUBREL is answered with PUBCOMP only once the release is durable; then the packet id is free again")
    void pubCompOnceReleaseIsDurable() {
        MqttFixture.Client sub = subscriber(2);
        MqttFixture.Client pub = mqtt.connected("pub", 1, false);
        pub.publish("t/a", "first", 2, 7);
        assertThat(mqtt.store.receipts("pub")).containsExactly(7);
        mqtt.store.autoCommit = false;
        pub.ack(MqttMessageType.PUBREL, 7);
        assertThat(pub.sent(MqttMessageType.PUBCOMP)).isEmpty();
        mqtt.store.commit();
        assertThat(pub.acks(MqttMessageType.PUBCOMP)).containsExactly(7);
        assertThat(mqtt.store.receipts("pub")).isEmpty();
        mqtt.store.autoCommit = true;
        pub.publish("t/a", "second", 2, 7);
        assertThat(sub.published()).extracting(MqttFixture::text).containsExactly("first", "second");
    }

    @Test
    @DisplayName("4.3.3 a release that cannot be stored closes the connection without PUBCOMP; PUBREL again on reconnect completes it")
    void failedReleaseClosesTheConnection() {
        subscriber(2);
        MqttFixture.Client pub = mqtt.connected("pub", 1, false);
        pub.publish("t/a", "first", 2, 7);
        mqtt.store.failWrites = true;
        pub.ack(MqttMessageType.PUBREL, 7);
        assertThat(pub.sent(MqttMessageType.PUBCOMP)).isEmpty();
        assertThat(pub.closed()).isTrue();
        pub.drop();
        mqtt.store.failWrites = false;
        MqttFixture.Client again = reconnect("pub", 1, true);
        again.ack(MqttMessageType.PUBREL, 7);
        assertThat(again.acks(MqttMessageType.PUBCOMP)).containsExactly(7);
    }

    @Test
    @DisplayName("4.3.3 a persistent session's QoS 2 receipt survives a restart: the resent PUBLISH gets PUBREC, no second delivery")
    void qos2ReceiptSurvivesARestart() {
        MqttFixture.Client pub = mqtt.connected("pub", 1, false);
        pub.publish("t/a", "once", 2, 9);
        assertThat(pub.acks(MqttMessageType.PUBREC)).containsExactly(9);
        mqtt.restart();
        MqttFixture.Client watcher = mqtt.connected("watcher", 3, true);
        watcher.subscribe(1, "t/#", 2);
        watcher.sink.sent.clear();
        MqttFixture.Client again = reconnect("pub", 1, true);
        again.publish("t/a", "once", 2, 9);
        assertThat(again.acks(MqttMessageType.PUBREC)).containsExactly(9);
        assertThat(watcher.published()).isEmpty();
        again.ack(MqttMessageType.PUBREL, 9);
        assertThat(again.acks(MqttMessageType.PUBCOMP)).containsExactly(9);
    }

    @Test
    @DisplayName("4.3.3 QoS 2 to the client: PUBREC is answered with PUBREL; PUBCOMP ends it; a reconnect before PUBCOMP gets PUBREL again")
    void qos2ToTheClient() {
        MqttFixture.Client sub = subscriber(2);
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        pub.publish("t/a", "two", 2, 3);
        MqttPublishMessage sent = sub.published().get(0);
        assertThat(sent.fixedHeader().qosLevel().value()).isEqualTo(2);
        int id = packetId(sent);
        sub.ack(MqttMessageType.PUBREC, id);
        assertThat(sub.acks(MqttMessageType.PUBREL)).containsExactly(id);
        assertThat(sub.sent(MqttMessageType.PUBREL).get(0).fixedHeader().qosLevel().value()).isEqualTo(1);   // 3.6.1-1
        sub.drop();
        MqttFixture.Client again = reconnect("sub", 2, true);
        assertThat(again.published()).isEmpty();
        assertThat(again.acks(MqttMessageType.PUBREL)).containsExactly(id);
        again.ack(MqttMessageType.PUBCOMP, id);
        again.drop();
        MqttFixture.Client third = reconnect("sub", 2, true);
        assertThat(third.sink.sent).isEmpty();
    }

    @Test
    @DisplayName("3.8.4 a message goes out with the lower of its publish QoS and the granted QoS")
    void deliveryQosIsTheLower() {
        MqttFixture.Client sub = subscriber(1);
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        pub.publish("t/a", "two", 2, 1);
        pub.publish("t/a", "zero", 0, 0);
        assertThat(sub.published()).extracting(p -> p.fixedHeader().qosLevel().value()).containsExactly(1, 0);
    }

    @Test
    @DisplayName("3.3.5 a publish the topic rules refuse is acknowledged and dropped")
    void refusedPublishIsAcknowledgedAndDropped() {
        MqttFixture rules = new MqttFixture(false, "readwrite users/%u/#");
        MqttFixture.Client sub = rules.connected("sub", 2, true);
        sub.subscribe(1, "users/user2/#", 1);
        sub.sink.sent.clear();
        MqttFixture.Client pub = rules.connected("pub", 1, true);
        pub.publish("users/user2/inbox", "not mine", 1, 4);
        assertThat(pub.acks(MqttMessageType.PUBACK)).containsExactly(4);
        assertThat(pub.closed()).isFalse();
        assertThat(sub.published()).isEmpty();
        sub.publish("users/user2/inbox", "mine", 1, 5);
        assertThat(sub.published()).extracting(MqttFixture::text).containsExactly("mine");
    }

    @Test
    @DisplayName("4.7.2-1 a $ topic is not published to (acknowledged and dropped)")
    void dollarTopics() {
        MqttFixture.Client sub = mqtt.connected("sub", 2, true);
        sub.subscribe(1, "$SYS/#", 0);
        sub.sink.sent.clear();
        MqttFixture.Client pub = mqtt.connected("pub", 1, true);
        pub.publish("$SYS/x", "no", 1, 4);
        assertThat(pub.acks(MqttMessageType.PUBACK)).containsExactly(4);
        assertThat(sub.published()).isEmpty();
    }
}
