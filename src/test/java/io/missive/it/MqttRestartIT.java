package io.missive.it;

import io.missive.it.client.PahoInbox;
import io.missive.it.client.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A persistent MQTT session and its unacknowledged QoS 1 messages survive a restart: a second
 * server process on the same database (what a restarted server is, state-wise: nothing of the
 * first one's memory) resumes the session, with the original packet id of the message in flight.
 * Costs one more boot.
 */
class MqttRestartIT extends MissiveIT {

    @Test
    void persistentSessionAndItsMessagesSurviveARestart() throws Exception {
        Api.User user = api.newUser("mqtt-restart");
        String topic = "test/" + UUID.randomUUID().toString().substring(0, 8) + "/restart";
        String clientId = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        int packetId;
        MqttClient publisher = new MqttClient("tcp://localhost:" + server.tcpPort(MissiveServer.TCP_MQTT),
                "restart-pub-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user.name());
        options.setPassword(Api.PASSWORD.toCharArray());
        publisher.setCallback(new PahoInbox());
        publisher.connect(options);
        try (RawMqttClient first = RawMqttClient.connect(server.tcpPort(MissiveServer.TCP_MQTT))) {
            assertThat(first.login(clientId, user.name(), Api.PASSWORD, false))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            assertThat(first.subscribe(1, topic, 1)).containsExactly(1);
            publisher.publish(topic, "in flight".getBytes(StandardCharsets.UTF_8), 1, false);
            RawMqttClient.Received sent = first.nextPublish();
            packetId = sent.packetId();
            first.dropConnection();   // without PUBACK
        }
        publisher.publish(topic, "queued".getBytes(StandardCharsets.UTF_8), 1, false);
        publisher.publish(topic + "/retained", "retained".getBytes(StandardCharsets.UTF_8), 1, true);
        publisher.disconnect();
        publisher.close();
        awaitPacketIdStored(clientId, packetId);

        // a QoS 2 publish received (PUBREC) but not released when the server goes down
        String qos2Topic = topic + "/qos2";
        String qos2Client = "restart-q2-" + UUID.randomUUID().toString().substring(0, 8);
        try (RawMqttClient sender = RawMqttClient.connect(server.tcpPort(MissiveServer.TCP_MQTT))) {
            assertThat(sender.login(qos2Client, user.name(), Api.PASSWORD, false))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            sender.publish(qos2Topic, "exactly once", 2, 7);
            assertThat(sender.nextAck(MqttMessageType.PUBREC)).isEqualTo(7);
            sender.dropConnection();   // without PUBREL
        }
        // its row, committed before PUBREC (the purge may delete it a minute later: nobody has to receive it)
        long firstCopy = count("SELECT max(id) FROM mqtt_messages WHERE topic = ?", qos2Topic);
        assertThat(firstCopy).as("stored before PUBREC").isPositive();

        try (MissiveServer restarted = server.startAnother("mqtt-restart", Map.of());
             RawMqttClient resumed = RawMqttClient.connect(restarted.tcpPort(MissiveServer.TCP_MQTT))) {
            MqttConnAckMessage ack = resumed.connect(clientId, user.name(), Api.PASSWORD, false, 60, null, null);
            assertThat(ack.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            assertThat(ack.variableHeader().isSessionPresent()).isTrue();
            RawMqttClient.Received again = resumed.nextPublish();
            assertThat(again.payload()).isEqualTo("in flight");
            assertThat(again.packetId()).isEqualTo(packetId);
            assertThat(again.dup()).isTrue();
            resumed.pubAck(again.packetId());
            RawMqttClient.Received queued = resumed.nextPublish();
            assertThat(queued.payload()).isEqualTo("queued");
            resumed.pubAck(queued.packetId());

            // the subscription came back too, and the retained message
            assertThat(resumed.subscribe(2, topic + "/retained", 1)).containsExactly(1);
            RawMqttClient.Received retained = resumed.nextPublish();
            assertThat(retained.payload()).isEqualTo("retained");
            assertThat(retained.retain()).isTrue();

            // the restarted server knows the QoS 2 receipt: the resend is not stored a second time
            try (RawMqttClient sender = RawMqttClient.connect(restarted.tcpPort(MissiveServer.TCP_MQTT))) {
                assertThat(sender.connect(qos2Client, user.name(), Api.PASSWORD, false, 60, null, null)
                        .variableHeader().isSessionPresent()).isTrue();
                sender.publishAgain(qos2Topic, "exactly once", 2, 7);
                assertThat(sender.nextAck(MqttMessageType.PUBREC)).isEqualTo(7);
                sender.pubRel(7);
                assertThat(sender.nextAck(MqttMessageType.PUBCOMP)).isEqualTo(7);
            }
            assertThat(count("SELECT count(*) FROM mqtt_messages WHERE topic = ? AND id <> " + firstCopy, qos2Topic))
                    .as("no second copy").isZero();
            assertThat(count("SELECT count(*) FROM mqtt_qos2_received WHERE client_id = ?", qos2Client))
                    .as("the receipt is gone once PUBCOMP is sent").isZero();
        }
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection db = server.openConnection(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The packet id is written behind the send; the restart must come after it is committed. */
    private void awaitPacketIdStored(String clientId, int packetId) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (Connection db = DriverManager.getConnection(server.jdbcUrl(), server.dbUser(), server.dbPassword());
             PreparedStatement query = db.prepareStatement(
                     "SELECT count(*) FROM mqtt_deliveries WHERE client_id = ? AND packet_id = ?")) {
            query.setString(1, clientId);
            query.setInt(2, packetId);
            while (System.nanoTime() < end) {
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("packet id " + packetId + " of " + clientId + " was not stored within 20 s");
    }
}
