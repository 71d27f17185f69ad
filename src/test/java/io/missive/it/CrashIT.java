package io.missive.it;

import io.missive.binary.BinaryFrame;
import io.missive.core.model.MessageId;
import io.missive.it.client.BinaryClient;
import io.missive.it.client.BinaryTcpClient;
import io.missive.it.client.BinaryWsClient;
import io.missive.it.client.RawMqttClient;
import io.missive.it.client.TextTcpClient;
import io.missive.launch.EmbeddedDatabase;
import io.missive.launch.FreePorts;
import io.missive.text.TextCommand;
import io.missive.text.TextFrame;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's crash test: publishers on every protocol keep sending while the server process is killed
 * with SIGKILL (in odd rounds PostgreSQL's postmaster and its backends too); a server restarted on the
 * same, durable database must deliver every message it acknowledged (lost = 0), and a message
 * delivered twice only with the same message id. Two rounds in {@code ./mvnw verify};
 * {@code -Dmissive.it.crash.rounds=N} for more. What it guarantees, and what not: docs/reliability.md.
 */
class CrashIT extends MissiveIT {

    private static final Logger LOG = Logger.getLogger(CrashIT.class.getName());
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final String PASSWORD = Api.PASSWORD;

    private Path dataDirectory;
    private int dbPort;
    private EmbeddedDatabase database;

    @Test
    void everyAcknowledgedMessageIsDeliveredAfterAKill() throws Exception {
        dataDirectory = Path.of("target", "crash-db-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        dbPort = new FreePorts().next();
        database = EmbeddedDatabase.startPersistent(dataDirectory, dbPort);
        assertThat(database.durability()).isEqualTo(EmbeddedDatabase.Durability.DURABLE);
        int rounds = Integer.getInteger("missive.it.crash.rounds", 2);
        MissiveServer live = server.startOn(database, "crash-0", Map.of());
        try {
            for (int round = 0; round < rounds; round++) {
                boolean killDatabase = round % 2 == 1;
                Round traffic = new Round(live, round);
                traffic.awaitAcknowledgements(10);
                kill(live);
                if (killDatabase) {
                    killPostgres();
                }
                traffic.awaitPublishersEnded();
                live = server.startOn(database, "crash-" + (round + 1), Map.of());
                traffic.check(live, killDatabase);
            }
        } finally {
            live.close();
            database.close();
        }
    }

    /** SIGKILL to Payara Micro's JVM, as a crash would. */
    private static void kill(MissiveServer payara) throws Exception {
        payara.kill();
        payara.close();
    }

    /**
     * SIGKILL to PostgreSQL's postmaster, whose pid is the first line of postmaster.pid (it detaches from the
     * launcher's process group), and to its backends; then the same data directory is started again.
     */
    private void killPostgres() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        postmaster.onExit().get(30, TimeUnit.SECONDS);
        for (ProcessHandle backend : backends) {
            backend.onExit().get(30, TimeUnit.SECONDS);
        }
        try {
            database.close();   // releases the library's lock on the directory; its stop finds nothing to stop
        } catch (IOException expected) {
            LOG.fine("the killed PostgreSQL could not be stopped: " + expected);
        }
        database = EmbeddedDatabase.startPersistent(dataDirectory, dbPort);
    }

    /** One round's publishers and the recipients they publish to, made on a live server. */
    private static final class Round {
        final int round;
        final Api api;
        final List<SteadyPublisher> publishers = new ArrayList<>();
        /** Who receives each publisher's messages: its recipient. */
        final Map<SteadyPublisher, Recipient> recipients = new HashMap<>();

        Round(MissiveServer server, int round) throws Exception {
            this.round = round;
            this.api = new Api(server);
            binary("binary-tcp", server, BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_BINARY)));
            binary("binary-ws", server, BinaryWsClient.connect(server.wsUri("/ws")));
            rest(server);
            mqtt(server);
            text(server);
        }

        private String name(String what) {
            return what + "-r" + round;
        }

        private void add(SteadyPublisher publisher, Recipient recipient) {
            publishers.add(publisher);
            recipients.put(publisher, recipient);
        }

        private void binary(String what, MissiveServer server, BinaryClient client) {
            Api.User sender = api.newUser("crash-sender");
            Api.User recipient = api.newUser("crash-recipient");
            assertThat(client.login(sender.name(), PASSWORD).code()).isZero();
            add(new SteadyPublisher(name(what), (payload, acknowledged) -> {
                MessageId id = MessageId.random();
                client.send(new BinaryFrame.Publish(recipient.uid(), id, utf8(payload)));
                BinaryFrame.PubAck ack = client.next(BinaryFrame.PubAck.class, Duration.ofSeconds(30));
                assertThat(ack.msgId()).isEqualTo(id);
                acknowledged.accept(payload);
            }, client), Recipient.binary(recipient));
        }

        private void rest(MissiveServer server) {
            Api.User recipient = api.newUser("crash-recipient");
            add(new SteadyPublisher(name("rest"), (payload, acknowledged) -> {
                String body = Json.createObjectBuilder().add("user", recipient.uid()).add("payload", payload)
                        .add("clientMsgId", payload).build().toString();
                Api.Answer answer = api.call("POST", "api/messages", body, Api.apiKey());
                if (answer.status() / 100 != 2) {
                    throw new IOException("answered " + answer.status() + ": " + answer.body());
                }
                acknowledged.accept(payload);
            }, () -> { }), Recipient.binary(recipient));
        }

        private void mqtt(MissiveServer server) throws Exception {
            int port = server.tcpPort(MissiveServer.TCP_MQTT);
            Api.User user = api.newUser("crash-mqtt");
            String topic = "test/" + name("crash");
            for (int qos = 1; qos <= 2; qos++) {
                int q = qos;
                String subscriber = name("crash-sub-q" + qos);   // a persistent session, offline while they publish
                try (RawMqttClient sub = RawMqttClient.connect(port)) {
                    assertThat(sub.login(subscriber, user.name(), PASSWORD, false))
                            .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
                    assertThat(sub.subscribe(1, topic + "/q" + qos, 1)).containsExactly(1);
                    sub.disconnect();
                }
                RawMqttClient client = RawMqttClient.connect(port);
                assertThat(client.login(name("crash-pub-q" + qos), user.name(), PASSWORD, true))
                        .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
                int[] packetId = {0};
                add(new SteadyPublisher(name("mqtt-qos" + qos), (payload, acknowledged) -> {
                    int id = packetId[0] = packetId[0] % 60_000 + 1;
                    client.publish(topic + "/q" + q, payload, q, id);
                    assertThat(client.nextAck(q == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC)).isEqualTo(id);
                    acknowledged.accept(payload);
                    if (q == 2) {
                        client.pubRel(id);
                        assertThat(client.nextAck(MqttMessageType.PUBCOMP)).isEqualTo(id);
                    }
                }, client), Recipient.mqtt(user, subscriber));
            }
        }

        private void text(MissiveServer server) throws Exception {
            Api.Device sender = api.registerDevice(3);
            Api.Device sleeper = api.registerDevice(3);
            long channel = ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE);
            int port = server.tcpPort(MissiveServer.TCP_TEXT);
            try (TextTcpClient s = TextTcpClient.connect("127.0.0.1", port)) {
                assertThat(s.identify(sleeper.id(), sleeper.token(), false)).isEqualTo(TextFrame.Response.OK);
                s.send(new TextCommand.Sub(channel));
                assertThat(s.next(Duration.ofSeconds(10))).isEqualTo(TextFrame.Response.OK);
            }
            TextTcpClient client = TextTcpClient.connect("127.0.0.1", port);
            assertThat(client.identify(sender.id(), sender.token(), false)).isEqualTo(TextFrame.Response.OK);
            long[] messageId = {0};
            add(new SteadyPublisher(name("text"), (payload, acknowledged) -> {
                long id = ++messageId[0];
                client.send(new TextCommand.Pub(0, channel, id, utf8(payload)));
                assertThat(client.next(Duration.ofSeconds(30))).isEqualTo(new TextFrame.Ack(true, id, 0));
                acknowledged.accept(payload);
            }, client), Recipient.text(sleeper));
        }

        void awaitAcknowledgements(int each) throws InterruptedException {
            for (int i = 0; i < 600 && publishers.stream().anyMatch(p -> p.acknowledged.size() < each); i++) {
                Thread.sleep(100);
            }
            for (SteadyPublisher p : publishers) {
                assertThat(p.acknowledged).as(p.name + " was acknowledged before the kill (" + p.end() + ")")
                        .hasSizeGreaterThanOrEqualTo(each);
            }
        }

        void awaitPublishersEnded() throws InterruptedException {
            for (SteadyPublisher p : publishers) {
                assertThat(p.awaitEnd(Duration.ofSeconds(60))).as(p.name + " ended with its server").isTrue();
            }
        }

        /** Every acknowledged message is delivered by the restarted server; twice only with the same id. */
        void check(MissiveServer restarted, boolean databaseKilled) throws Exception {
            for (SteadyPublisher p : publishers) {
                Map<String, Set<String>> received = recipients.get(p).receive(restarted);
                Set<String> lost = new HashSet<>(p.acknowledged);
                lost.removeAll(received.keySet());
                LOG.info(() -> "Crash round " + round + (databaseKilled ? " (Payara and PostgreSQL killed)" : " (Payara killed)")
                        + ": " + p.name + " acknowledged " + p.acknowledged.size() + ", delivered " + received.size()
                        + ", lost " + lost.size());
                assertThat(lost).as(p.name + ": acknowledged and never delivered").isEmpty();
                received.forEach((payload, ids) -> assertThat(ids).as(payload + " delivered under one message id")
                        .hasSizeLessThanOrEqualTo(1));
            }
        }
    }

    /** Where a publisher's messages arrive, read after the restart: payload to the message ids it came with. */
    @FunctionalInterface
    private interface Recipient {
        Map<String, Set<String>> receive(MissiveServer server) throws Exception;

        static Recipient binary(Api.User user) {
            return server -> {
                Map<String, Set<String>> received = new HashMap<>();
                try (BinaryTcpClient client = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_BINARY))) {
                    assertThat(client.login(user.name(), PASSWORD).code()).isZero();
                    for (var frame = client.poll(QUIET); frame.isPresent(); frame = client.poll(QUIET)) {
                        if (frame.get() instanceof BinaryFrame.Push push) {
                            received.computeIfAbsent(new String(push.payload(), StandardCharsets.UTF_8),
                                    k -> new HashSet<>()).add(push.msgId().toString());
                            client.send(new BinaryFrame.PubAck(push.msgId()));
                        }
                    }
                }
                return received;
            };
        }

        /** MQTT has no message id: each payload counts once, however often it came (QoS 1 is at least once). */
        static Recipient mqtt(Api.User user, String clientId) {
            return server -> {
                Map<String, Set<String>> received = new HashMap<>();
                try (RawMqttClient client = RawMqttClient.connect(server.tcpPort(MissiveServer.TCP_MQTT))) {
                    assertThat(client.login(clientId, user.name(), PASSWORD, false))
                            .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
                    for (Object packet = client.poll(QUIET); packet != null; packet = client.poll(QUIET)) {
                        if (packet instanceof MqttPublishMessage publish) {
                            received.putIfAbsent(publish.payload().toString(StandardCharsets.UTF_8), new HashSet<>());
                            int packetId = publish.variableHeader().packetId();
                            publish.release();
                            client.pubAck(packetId);
                        }
                    }
                }
                return received;
            };
        }

        static Recipient text(Api.Device device) {
            return server -> {
                Map<String, Set<String>> received = new HashMap<>();
                try (TextTcpClient client = TextTcpClient.connect("127.0.0.1", server.tcpPort(MissiveServer.TCP_TEXT))) {
                    assertThat(client.identify(device.id(), device.token(), false)).isEqualTo(TextFrame.Response.OK);
                    for (var frame = client.poll(QUIET); frame.isPresent(); frame = client.poll(QUIET)) {
                        if (frame.get() instanceof TextFrame.Message message) {
                            received.computeIfAbsent(new String(message.content().value(), StandardCharsets.UTF_8),
                                    k -> new HashSet<>()).add(message.messageId());
                        }
                    }
                }
                return received;
            };
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
