package io.missive.it;

import io.missive.binary.ConnectCode;
import io.missive.it.client.BinaryWsClient;
import io.missive.it.client.PahoInbox;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * WebSocket on the TCP connector's own listeners ({@code websocket-path}): what only they do (HTTP
 * other than the upgrade, the log line of a refusal) and MQTT over wss. The binary protocol's
 * exchanges and bad-input close codes are {@link BinaryProtocolIT}'s, run on both endpoints.
 */
class ConnectorWebSocketIT extends MissiveIT {

    private static final Duration WAIT = Duration.ofSeconds(10);


    private URI connectorWs() {
        return URI.create("ws://localhost:" + server.tcpPort(MissiveServer.TCP_BINARY_WS) + "/ws");
    }

    private BinaryWsClient login(URI uri, Api.User user) throws Exception {
        BinaryWsClient client = BinaryWsClient.connect(uri);
        assertThat(client.login(user.name(), Api.PASSWORD).code()).isEqualTo(ConnectCode.ACCEPTED.code());
        return client;
    }

    @Test
    void anOversizedMessageIsRefusedWith1009AndOneLogLine() throws Exception {
        long before = oversizedLogLines();
        // several times: the close frame once raced the socket's close (the peer still sending) and was lost
        int tries = 20;
        for (int i = 0; i < tries; i++) {
            try (BinaryWsClient huge = login(connectorWs(), api.newUser("cws-huge"))) {
                huge.sendOversized(600_000);   // over max-frame-bytes (512 KiB)
                assertThat(huge.awaitClosed(WAIT)).isTrue();
                assertThat(huge.closeCode()).as("try %d", i).isEqualTo(1009);
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (oversizedLogLines() - before < tries && System.nanoTime() < deadline) {
            Thread.sleep(100);   // the log reaches the file through Payara's output pump
        }
        Thread.sleep(500);   // a second line, if there were one, would come right after the first
        assertThat(oversizedLogLines() - before).as("log lines for %d oversized messages", tries).isEqualTo(tries);
    }

    private long oversizedLogLines() throws Exception {
        try (var lines = Files.lines(server.logFile())) {
            return lines.filter(line -> line.contains("on listener '" + MissiveServer.TCP_BINARY_WS + "'")
                    && line.contains("(limit 524288 bytes")).count();
        }
    }

    @Test
    void onlyTheUpgradeAtItsPathIsServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + server.tcpPort(MissiveServer.TCP_BINARY_WS);
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(base + "/index.html")).timeout(WAIT)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(elsewhere.body()).contains("WebSocket only, at /ws");
        // the path without the upgrade: Netty's handshake refuses it
        HttpResponse<String> plainGet = http.send(HttpRequest.newBuilder(URI.create(base + "/ws")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plainGet.statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> BinaryWsClient.connect(URI.create("ws://localhost:"
                + server.tcpPort(MissiveServer.TCP_BINARY_WS) + "/elsewhere"))).hasMessageContaining("404");
    }

    @Test
    void mqttOverWssOnTheConnector() throws Exception {
        Api.User user = api.newUser("cws-mqtt");
        String topic = "test/" + UUID.randomUUID().toString().substring(0, 8) + "/connector-wss";
        PahoInbox wssInbox = new PahoInbox();
        PahoInbox tcpInbox = new PahoInbox();
        MqttClient wss = paho("wss://localhost:" + server.tcpPort(MissiveServer.TCP_MQTT_WSS) + "/mqtt", user, wssInbox);
        MqttClient tcp = paho("tcp://localhost:" + server.tcpPort(MissiveServer.TCP_MQTT), user, tcpInbox);
        try {
            wss.subscribe(topic + "/in", 2);
            tcp.subscribe(topic + "/out", 1);
            tcp.publish(topic + "/in", "to wss".getBytes(StandardCharsets.UTF_8), 2, false);
            PahoInbox.Arrived arrived = wssInbox.next();
            assertThat(arrived.payload()).isEqualTo("to wss");
            assertThat(arrived.qos()).isEqualTo(2);
            wss.publish(topic + "/out", "from wss".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(tcpInbox.next().payload()).isEqualTo("from wss");
        } finally {
            wss.disconnect();
            tcp.disconnect();
            wss.close();
            tcp.close();
        }
    }

    private MqttClient paho(String uri, Api.User user, PahoInbox inbox) throws Exception {
        MqttClient client = new MqttClient(uri, "cws-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        client.setCallback(inbox);
        client.setTimeToWait(10_000);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user.name());
        options.setPassword(Api.PASSWORD.toCharArray());
        options.setConnectionTimeout(10);
        if (uri.startsWith("wss:")) {
            options.setSocketFactory(server.sslContext().getSocketFactory());
        }
        client.connect(options);
        return client;
    }
}
