package io.missive.it;

import io.missive.binary.BinaryFrame;
import io.missive.core.model.MessageId;
import io.missive.it.client.BinaryTcpClient;
import io.missive.it.client.Commands;
import io.missive.it.client.MosquittoClients;
import io.missive.it.client.PahoInbox;
import io.missive.it.client.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MQTT 3.1 / 3.1.1 with stock clients (Eclipse Paho over TCP and WebSocket, Debian's mosquitto
 * clients) and, where a stock client would hide what is tested, a packet-level client.
 */
class MqttIT extends MissiveIT {

    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final String PUSH_TOPIC = "impush://modulus/news";

    private final List<MqttClient> clients = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (MqttClient c : clients) {
            try {
                if (c.isConnected()) {
                    c.disconnect(0);
                }
                c.close(true);
            } catch (MqttException e) {
                // closed by the test already
            }
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private int mqttPort() {
        return server.tcpPort(MissiveServer.TCP_MQTT);
    }

    private String tcpUri() {
        return "tcp://localhost:" + mqttPort();
    }

    private String wsUri() {
        return "ws://localhost:" + server.httpPort() + "/mqtt";
    }

    private static String topic(String name) {
        return "test/" + UUID.randomUUID().toString().substring(0, 8) + "/" + name;
    }

    private static String clientId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private MqttClient paho(String uri, Api.User user, PahoInbox inbox) throws MqttException {
        return paho(uri, user, inbox, clientId("paho"), true, MqttConnectOptions.MQTT_VERSION_3_1_1);
    }

    private MqttClient paho(String uri, Api.User user, PahoInbox inbox, String clientId, boolean clean, int version)
            throws MqttException {
        MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        clients.add(client);
        client.setCallback(inbox);
        client.setTimeToWait(10_000);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(version);
        options.setCleanSession(clean);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        if (uri.startsWith("wss:")) {
            options.setSocketFactory(server.sslContext().getSocketFactory());
        }
        if (user != null) {
            options.setUserName(user.name());
            options.setPassword(Api.PASSWORD.toCharArray());
        }
        client.connect(options);
        return client;
    }

    private RawMqttClient raw() throws Exception {
        RawMqttClient client = RawMqttClient.connect(mqttPort());
        closeables.add(client);
        return client;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    // ------------------------------------------------------------------ standard MQTT

    @Test
    void qos0And1And2BothWaysOverTcp() throws Exception {
        Api.User alice = api.newUser("mqtt-a");
        PahoInbox inbox = new PahoInbox();
        MqttClient subscriber = paho(tcpUri(), alice, inbox);
        MqttClient publisher = paho(tcpUri(), alice, new PahoInbox());
        for (int qos = 0; qos <= 2; qos++) {
            String topic = topic("qos" + qos);
            subscriber.subscribe(topic, qos);
            // a synchronous publish returns once the server acknowledged it (PUBACK, or PUBREC and PUBCOMP)
            publisher.publish(topic, utf8("at qos " + qos), qos, false);
            PahoInbox.Arrived arrived = inbox.next();
            assertThat(arrived.topic()).isEqualTo(topic);
            assertThat(arrived.payload()).isEqualTo("at qos " + qos);
            assertThat(arrived.qos()).isEqualTo(qos);
            assertThat(arrived.retained()).isFalse();
        }
    }

    @Test
    void wildcardsMatchAsTheSpecificationSays() throws Exception {
        Api.User user = api.newUser("mqtt-wild");
        String base = topic("w");
        PahoInbox plus = new PahoInbox();
        PahoInbox hash = new PahoInbox();
        paho(tcpUri(), user, plus).subscribe(base + "/+/temp", 0);
        paho(tcpUri(), user, hash).subscribe(base + "/#", 0);
        MqttClient publisher = paho(tcpUri(), user, new PahoInbox());

        publisher.publish(base + "/kitchen/temp", utf8("21"), 1, false);
        publisher.publish(base + "/kitchen/oven/temp", utf8("180"), 1, false);
        publisher.publish(base, utf8("parent"), 1, false);

        assertThat(plus.next().topic()).isEqualTo(base + "/kitchen/temp");
        assertThat(plus.poll(QUIET)).isNull();
        List<String> all = List.of(hash.next().payload(), hash.next().payload(), hash.next().payload());
        assertThat(all).containsExactly("21", "180", "parent");   // "a/#" matches "a" too
    }

    @Test
    void aFirstPacketOverMaxConnectBytesClosesTheConnectionFromItsHeader() throws Exception {
        RawMqttClient client = raw();
        // a CONNECT's fixed header announcing 100,000 bytes, over the 64 KiB default; its body never comes
        client.sendBytes(new byte[]{0x10, (byte) 0xA0, (byte) 0x8D, 0x06});
        // well before missive.mqtt.connect-timeout (10 s), which would close it too
        assertThat(client.awaitClosed(Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void badPasswordIsRefusedWithCode4AndAnonymousWithCode5() throws Exception {
        Api.User user = api.newUser("mqtt-auth");
        RawMqttClient bad = raw();
        assertThat(bad.login(clientId("bad"), user.name(), "wrong", true))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
        assertThat(bad.awaitClosed(Duration.ofSeconds(10))).isTrue();

        RawMqttClient anonymous = raw();
        assertThat(anonymous.login(clientId("anon"), null, null, true))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(anonymous.awaitClosed(Duration.ofSeconds(10))).isTrue();

        // and as a stock client sees it
        MqttClient paho = new MqttClient(tcpUri(), clientId("paho-bad"), new MemoryPersistence());
        clients.add(paho);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user.name());
        options.setPassword("wrong".toCharArray());
        assertThatThrownBy(() -> paho.connect(options)).isInstanceOf(MqttException.class)
                .extracting(e -> ((MqttException) e).getReasonCode())
                .isEqualTo((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }

    @Test
    void topicRulesDecideWhereAUserMayPublishAndSubscribe() throws Exception {
        Api.User alice = api.newUser("mqtt-acl-a");
        Api.User bob = api.newUser("mqtt-acl-b");
        RawMqttClient client = raw();
        client.login(clientId("acl"), alice.name(), Api.PASSWORD, true);
        assertThat(client.subscribe(1, "users/" + alice.name() + "/#", 1)).containsExactly(1);
        assertThat(client.subscribe(2, "uid/" + alice.uid() + "/inbox", 2)).containsExactly(2);
        assertThat(client.subscribe(3, "readonly/news", 1)).containsExactly(1);
        assertThat(client.subscribe(4, "users/" + bob.name() + "/#", 1)).containsExactly(0x80);
        assertThat(client.subscribe(5, "users/+/secret", 1)).containsExactly(0x80);
        assertThat(client.subscribe(6, "elsewhere/#", 0)).containsExactly(0x80);

        // a publish where the user may not is acknowledged and dropped, as Mosquitto does
        MqttClient bobClient = paho(tcpUri(), bob, new PahoInbox());
        bobClient.publish("readonly/news", utf8("not allowed"), 1, false);
        bobClient.publish("users/" + alice.name() + "/x", utf8("not his"), 1, false);
        bobClient.publish("users/" + bob.name() + "/x", utf8("his own"), 1, false);
        assertThat(client.poll(QUIET)).isNull();
    }

    @Test
    void webSocketAndTcpClientsExchangeMessagesBothWays() throws Exception {
        Api.User user = api.newUser("mqtt-ws");
        String toWs = topic("to-ws");
        String toTcp = topic("to-tcp");
        PahoInbox wsInbox = new PahoInbox();
        PahoInbox tcpInbox = new PahoInbox();
        MqttClient ws = paho(wsUri(), user, wsInbox);
        MqttClient tcp = paho(tcpUri(), user, tcpInbox);
        ws.subscribe(toWs, 2);
        tcp.subscribe(toTcp, 2);

        tcp.publish(toWs, utf8("from tcp"), 2, false);
        ws.publish(toTcp, utf8("from ws"), 1, false);
        PahoInbox.Arrived atWs = wsInbox.next();
        assertThat(atWs.payload()).isEqualTo("from tcp");
        assertThat(atWs.qos()).isEqualTo(2);
        assertThat(tcpInbox.next().payload()).isEqualTo("from ws");

        // MQTT 3.1 over WebSocket (sub-protocol mqttv3.1)
        PahoInbox v31Inbox = new PahoInbox();
        MqttClient v31 = paho(wsUri(), user, v31Inbox, clientId("ws31"), true, MqttConnectOptions.MQTT_VERSION_3_1);
        v31.subscribe(toWs, 1);
        tcp.publish(toWs, utf8("to 3.1"), 1, false);
        assertThat(v31Inbox.next().payload()).isEqualTo("to 3.1");

        // and over wss (the https listener, the server's certificate)
        PahoInbox wssInbox = new PahoInbox();
        MqttClient wss = paho("wss://localhost:" + server.httpsPort() + "/mqtt", user, wssInbox);
        wss.subscribe(toWs, 1);
        tcp.publish(toWs, utf8("over wss"), 1, false);
        assertThat(wssInbox.next().payload()).isEqualTo("over wss");
        wss.publish(toTcp, utf8("from wss"), 1, false);
        assertThat(tcpInbox.next().payload()).isEqualTo("from wss");
    }

    @Test
    void aSubscriberThatStopsReadingIsCutOffWhileOthersKeepReceiving() throws Exception {
        Api.User user = api.newUser("mqtt-stalled");
        String flood = topic("flood");
        String other = topic("other");
        PahoInbox readerInbox = new PahoInbox();
        MqttClient publisher = paho(tcpUri(), user, new PahoInbox());
        MqttClient reader = paho(tcpUri(), user, readerInbox);
        reader.subscribe(other, 1);
        RawMqttClient stalled = RawMqttClient.connectNotReading(mqttPort(), 4096);
        closeables.add(stalled);
        String stalledId = clientId("stalled");
        stalled.sendConnect(stalledId, user.name(), Api.PASSWORD, true, 60, null, null);
        stalled.sendSubscribe(1, flood, 0);
        stalled.readUntil(MqttSubAckMessage.class);   // subscribed before the flood; from here on it reads nothing
        byte[] large = new byte[60_000];
        // 18 MB: past the socket buffers of both sides and the listener's 4 MiB outbound bound
        for (int i = 0; i < 300; i++) {
            publisher.publish(flood, large, 0, false);
        }
        publisher.publish(other, utf8("the others are served"), 1, false);
        assertThat(readerInbox.next().payload()).isEqualTo("the others are served");
        stalled.startReading();
        assertThat(stalled.awaitClosed(Duration.ofSeconds(30))).as("the stalled subscriber was cut off").isTrue();
        publisher.publish(other, utf8("and still are"), 1, false);
        assertThat(readerInbox.next().payload()).isEqualTo("and still are");
        assertThat(Files.readAllLines(server.logFile()).stream()
                .filter(line -> line.contains("Closing mqtt connection") && line.contains(stalledId)))
                .as("one log line for the cut-off").hasSize(1);
    }

    @Test
    void mqtt31ClientWorksOverTcp() throws Exception {
        Api.User user = api.newUser("mqtt-31");
        String topic = topic("v31");
        PahoInbox inbox = new PahoInbox();
        MqttClient v31 = paho(tcpUri(), user, inbox, clientId("v31"), true, MqttConnectOptions.MQTT_VERSION_3_1);
        v31.subscribe(topic, 1);
        v31.publish(topic, utf8("mqisdp"), 1, false);
        assertThat(inbox.next().payload()).isEqualTo("mqisdp");
    }

    @Test
    void malformedPacketClosesOnlyItsOwnConnection() throws Exception {
        Api.User user = api.newUser("mqtt-bad");
        String topic = topic("still-here");
        PahoInbox inbox = new PahoInbox();
        MqttClient bystander = paho(tcpUri(), user, inbox);
        bystander.subscribe(topic, 1);

        RawMqttClient bad = raw();
        bad.login(clientId("bad"), user.name(), Api.PASSWORD, true);
        bad.sendBytes(new byte[]{(byte) 0xF0, 0x00});   // packet type 15 is reserved
        assertThat(bad.awaitClosed(Duration.ofSeconds(10))).isTrue();

        RawMqttClient noConnect = raw();
        noConnect.publish(topic, "before CONNECT", 0, 0);
        assertThat(noConnect.awaitClosed(Duration.ofSeconds(10))).isTrue();

        RawMqttClient wildcardPublish = raw();
        wildcardPublish.login(clientId("wild"), user.name(), Api.PASSWORD, true);
        // by hand: Netty's encoder refuses a wildcard in a topic name
        byte[] name = utf8("test/+/x");
        byte[] publish = new byte[4 + name.length];
        publish[0] = 0x30;   // PUBLISH, QoS 0
        publish[1] = (byte) (2 + name.length);
        publish[3] = (byte) name.length;
        System.arraycopy(name, 0, publish, 4, name.length);
        wildcardPublish.sendBytes(publish);
        assertThat(wildcardPublish.awaitClosed(Duration.ofSeconds(10))).isTrue();

        bystander.publish(topic, utf8("fine"), 1, false);
        assertThat(inbox.next().payload()).isEqualTo("fine");
    }

    @Test
    void mosquittoPubAndSubAgainstTheTcpPort() throws Exception {
        Path bin = MosquittoClients.ensureInstalled();
        Api.User user = api.newUser("mqtt-mosq");
        String topic = topic("mosquitto");
        String port = Integer.toString(mqttPort());
        List<String> auth = List.of("-h", "localhost", "-p", port, "-u", user.name(), "-P", Api.PASSWORD, "-V", "mqttv311");

        // mosquitto_pub, retained at QoS 2, to mosquitto_sub, which gets it as its first message
        List<String> pub = new ArrayList<>(List.of(bin.resolve("mosquitto_pub").toString()));
        pub.addAll(auth);
        pub.addAll(List.of("-t", topic, "-m", "from mosquitto_pub", "-q", "2", "-r"));
        Commands.Result published = Commands.run(pub, 30);
        assertThat(published.exit()).as(published.output()).isZero();

        List<String> sub = new ArrayList<>(List.of(bin.resolve("mosquitto_sub").toString()));
        sub.addAll(auth);
        sub.addAll(List.of("-t", topic, "-q", "1", "-C", "2", "-W", "30", "-v"));
        Process subscriber = Commands.start(sub);
        // then a live message from Paho; sent until mosquitto_sub, subscribed by then, has its two messages
        MqttClient paho = paho(tcpUri(), user, new PahoInbox());
        for (int i = 0; i < 60 && subscriber.isAlive(); i++) {
            paho.publish(topic, utf8("from paho"), 1, false);
            subscriber.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        assertThat(subscriber.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String output = new String(subscriber.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(subscriber.exitValue()).as(output).isZero();
        assertThat(output.lines().toList()).containsExactly(topic + " from mosquitto_pub", topic + " from paho");

        // the wrong password: mosquitto_pub reports the refusal and fails
        List<String> refused = new ArrayList<>(List.of(bin.resolve("mosquitto_pub").toString(),
                "-h", "localhost", "-p", port, "-u", user.name(), "-P", "wrong", "-t", topic, "-m", "x"));
        Commands.Result refusal = Commands.run(refused, 30);
        assertThat(refusal.exit()).isNotZero();
        assertThat(refusal.output()).containsIgnoringCase("bad user name or password");
    }

    // ------------------------------------------------------------------ seed 003's IM over MQTT

    @Test
    void binaryProtocolMessagesArriveOnThePushTopicAsTheSeedsRecord() throws Exception {
        Api.User mqttUser = api.newUser("mqtt-im");
        Api.User binaryUser = api.newUser("bin-im");
        PahoInbox inbox = new PahoInbox();
        paho(tcpUri(), mqttUser, inbox);
        try (BinaryTcpClient binary = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_BINARY))) {
            assertThat(binary.login(binaryUser.name(), Api.PASSWORD).code()).isZero();
            MessageId id = binary.publishAll(mqttUser.uid(), List.of("hello over mqtt")).get(0);

            PahoInbox.Arrived push = inbox.next();
            assertThat(push.topic()).isEqualTo(PUSH_TOPIC);
            assertThat(push.qos()).isEqualTo(1);
            JsonObject body = json(push.payload());
            assertThat(body.getString("feeds")).isEqualTo("user:" + binaryUser.uid());
            JsonObject message = body.getJsonObject("message");
            assertThat(message.getString("MsgId")).isEqualTo(id.toText());
            assertThat(message.getString("Feeds")).isEqualTo("user:" + binaryUser.uid());
            assertThat(message.getJsonNumber("SeqId").longValue()).isEqualTo(body.getJsonNumber("last_seq_id").longValue())
                    .isPositive();
            assertThat(message.getString("MsgType")).isEqualTo("text");
            assertThat(message.getString("From")).isEqualTo(Long.toString(binaryUser.uid()));
            assertThat(message.getString("Payload")).isEqualTo("hello over mqtt");
            assertThat(message.getJsonNumber("TimeCreate").longValue())
                    .isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 60);

            // a group message: Feeds is the group id
            long group = api.createGroup(Api.unique("mqtt-group"));
            api.addMember(group, mqttUser.uid());
            api.addMember(group, binaryUser.uid());
            binary.send(new BinaryFrame.GroupPublish(group, MessageId.random(), utf8("to the group")));
            JsonObject groupPush = json(inbox.next().payload());
            assertThat(groupPush.getString("feeds")).isEqualTo(Long.toString(group));
            assertThat(groupPush.getJsonObject("message").getString("Payload")).isEqualTo("to the group");
        }
    }

    @Test
    void imRequestsAreAnsweredOnTheirOwnTopic() throws Exception {
        Api.User mqttUser = api.newUser("mqtt-req");
        Api.User binaryUser = api.newUser("bin-req");
        long group = api.createGroup(Api.unique("req-group"));
        api.addMember(group, mqttUser.uid());
        api.addMember(group, binaryUser.uid());
        PahoInbox inbox = new PahoInbox();
        MqttClient client = paho(tcpUri(), mqttUser, inbox);
        try (BinaryTcpClient binary = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_BINARY))) {
            binary.login(binaryUser.name(), Api.PASSWORD);

            String toUser = "im://modulus/send_to_user?msg_id=1001";
            client.publish(toUser, utf8("{\"to\":\"" + binaryUser.uid() + "\",\"payload\":\"hi from mqtt\"}"), 1, false);
            PahoInbox.Arrived answer = inbox.next();
            assertThat(answer.topic()).isEqualTo(toUser);
            JsonObject reply = json(answer.payload());
            assertThat(reply.getString("Error")).isEmpty();
            assertThat(reply.getString("Trace")).isNotEmpty();
            String msgId = reply.getJsonObject("Result").getString("MsgId");
            BinaryFrame.Push push = binary.next(BinaryFrame.Push.class, Duration.ofSeconds(10));
            assertThat(push.msgId().toText()).isEqualTo(msgId);
            assertThat(new String(push.payload(), StandardCharsets.UTF_8)).isEqualTo("hi from mqtt");
            binary.send(new BinaryFrame.PubAck(push.msgId()));

            String toGroup = "im://random/send_to_feeds?msg_id=1002";
            client.publish(toGroup, utf8("{\"feeds\":" + group + ",\"payload\":\"hi group\"}"), 1, false);
            JsonObject groupReply = json(inbox.next().payload());
            assertThat(groupReply.getString("Error")).isEmpty();
            assertThat(groupReply.getJsonObject("Result").getString("Feeds")).isEqualTo(Long.toString(group));
            assertThat(new String(binary.next(BinaryFrame.Push.class, Duration.ofSeconds(10)).payload(),
                    StandardCharsets.UTF_8)).isEqualTo("hi group");
        }

        String unknown = "im://modulus/no_such_method?msg_id=1003";
        client.publish(unknown, utf8("{}"), 0, false);
        PahoInbox.Arrived unknownAnswer = inbox.next();
        assertThat(unknownAnswer.topic()).isEqualTo(unknown);
        assertThat(json(unknownAnswer.payload()).getString("Error")).contains("unknown method");

        String badRoute = "im://nowhere/send_to_user?msg_id=1004";
        client.publish(badRoute, utf8("{\"to\":1,\"payload\":\"x\"}"), 1, false);
        assertThat(json(inbox.next().payload()).getString("Error")).contains("nowhere");

        String notMember = "im://modulus/send_to_feeds?msg_id=1005";
        client.publish(notMember, utf8("{\"feeds\":\"4294967295\",\"payload\":\"x\"}"), 1, false);
        assertThat(json(inbox.next().payload()).getString("Error")).isNotEmpty();

        String refused = "http://example.com/pay/one.json";
        client.publish(refused, utf8("{\"Method\":\"GET\"}"), 1, false);
        PahoInbox.Arrived refusedAnswer = inbox.next();
        assertThat(refusedAnswer.topic()).isEqualTo(refused);
        assertThat(json(refusedAnswer.payload()).getString("Error")).contains("not under an allowed upstream");

        // the configured upstream (this host): the seed's HttpRequest in, its HttpResponse back as Result
        String proxied = "http://127.0.0.1:" + server.httpPort() + "/api/users/" + mqttUser.uid();
        client.publish(proxied, utf8("{\"Method\":\"GET\",\"Header\":{\"Authorization\":\"Bearer "
                + server.apiKey() + "\"}}"), 1, false);
        JsonObject proxyReply = json(inbox.next().payload());
        assertThat(proxyReply.getString("Error")).isEmpty();
        JsonObject response = proxyReply.getJsonObject("Result");
        assertThat(response.getInt("StatusCode")).isEqualTo(200);
        assertThat(response.getJsonObject("Body").getString("username")).isEqualTo(mqttUser.name());
        assertThat(response.getJsonObject("Header")).isNotEmpty();
    }

    /** Calls an im:// method and answers the reply, checked to be on the request's own topic. */
    private static JsonObject call(MqttClient client, PahoInbox inbox, String method, String body) throws Exception {
        String topic = "im://modulus/" + method + "?msg_id=" + UUID.randomUUID();
        client.publish(topic, utf8(body), 1, false);
        return json(inbox.nextOn(topic).payload());
    }

    @Test
    void imGroupMethodsAndHistory() throws Exception {
        Api.User owner = api.newUser("mqtt-owner");
        Api.User friend = api.newUser("mqtt-friend");
        Api.User applicant = api.newUser("mqtt-applicant");
        PahoInbox ownerInbox = new PahoInbox();
        PahoInbox friendInbox = new PahoInbox();
        PahoInbox applicantInbox = new PahoInbox();
        MqttClient ownerClient = paho(tcpUri(), owner, ownerInbox);
        MqttClient friendClient = paho(tcpUri(), friend, friendInbox);
        MqttClient applicantClient = paho(tcpUri(), applicant, applicantInbox);

        String name = Api.unique("feeds");
        JsonObject created = call(ownerClient, ownerInbox, "create_feeds", "{\"name\":\"" + name + "\",\"members\":[\""
                + friend.uid() + "\"]}");
        assertThat(created.getString("Error")).isEmpty();
        String feeds = created.getJsonObject("Result").getString("feeds");

        JsonObject list = call(friendClient, friendInbox, "feeds_list", "{}");
        assertThat(list.getJsonArray("Result").getValuesAs(JsonObject.class))
                .anySatisfy(f -> {
                    assertThat(f.getString("feeds")).isEqualTo(feeds);
                    assertThat(f.getString("name")).isEqualTo(name);
                });

        for (String text : List.of("first", "second", "third")) {
            JsonObject sent = call(ownerClient, ownerInbox, "send_to_feeds", "{\"feeds\":\"" + feeds
                    + "\",\"payload\":\"" + text + "\"}");
            assertThat(sent.getString("Error")).isEmpty();
        }
        JsonObject page = call(friendClient, friendInbox, "history", "{\"feeds\":\"" + feeds + "\",\"limit\":2}");
        List<JsonObject> messages = page.getJsonObject("Result").getJsonArray("messages").getValuesAs(JsonObject.class);
        assertThat(messages).extracting(m -> m.getString("Payload")).containsExactly("second", "third");
        long secondSeq = messages.get(0).getJsonNumber("SeqId").longValue();
        JsonObject earlier = call(friendClient, friendInbox, "history", "{\"feeds\":\"" + feeds
                + "\",\"before_seq\":" + secondSeq + "}");
        assertThat(earlier.getJsonObject("Result").getJsonArray("messages").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("Payload")).containsExactly("first");
        assertThat(call(applicantClient, applicantInbox, "history", "{\"feeds\":\"" + feeds + "\"}").getString("Error"))
                .contains("not a member");

        // join: the members hear of the application; one of them agrees
        JsonObject applied = call(applicantClient, applicantInbox, "join_feeds", "{\"feeds\":\"" + feeds + "\"}");
        assertThat(applied.getString("Result")).isEqualTo("applied");
        String pushed = json(friendInbox.nextOn(PUSH_TOPIC).payload()).getJsonObject("message").getString("Payload");
        while (!pushed.contains("join_request")) {   // the group's earlier messages come first
            pushed = json(friendInbox.nextOn(PUSH_TOPIC).payload()).getJsonObject("message").getString("Payload");
        }
        JsonObject application = json(pushed);
        assertThat(application.getString("applicant")).isEqualTo(Long.toString(applicant.uid()));
        JsonObject agreed = call(friendClient, friendInbox, "agree_join_feeds", "{\"applicant\":\"" + applicant.uid()
                + "\",\"feeds\":\"" + feeds + "\"}");
        assertThat(agreed.getString("Result")).isEqualTo("success");
        assertThat(call(applicantClient, applicantInbox, "history", "{\"feeds\":\"" + feeds + "\"}").getString("Error"))
                .isEmpty();

        // members add and remove members; a member leaves
        Api.User extra = api.newUser("mqtt-extra");
        assertThat(call(ownerClient, ownerInbox, "add_feeds_member", "{\"member\":\"" + extra.uid()
                + "\",\"feeds\":\"" + feeds + "\"}").getString("Result")).isEqualTo("success");
        assertThat(call(ownerClient, ownerInbox, "remove_feeds_member", "{\"member\":\"" + extra.uid()
                + "\",\"feeds\":\"" + feeds + "\"}").getString("Result")).isEqualTo("success");
        assertThat(call(ownerClient, ownerInbox, "remove_feeds_member", "{\"member\":\"" + extra.uid()
                + "\",\"feeds\":\"" + feeds + "\"}").getString("Error")).contains("not a member");
        assertThat(call(applicantClient, applicantInbox, "leave_feeds", "{\"feeds\":\"" + feeds + "\"}")
                .getString("Result")).isEqualTo("success");
        assertThat(call(applicantClient, applicantInbox, "send_to_feeds", "{\"feeds\":\"" + feeds
                + "\",\"payload\":\"x\"}").getString("Error")).isNotEmpty();
        assertThat(call(applicantClient, applicantInbox, "remove_feeds_member", "{\"member\":\"" + owner.uid()
                + "\",\"feeds\":\"" + feeds + "\"}").getString("Error")).contains("not a member");

        // a private conversation's history, both directions, Feeds naming the other party
        call(ownerClient, ownerInbox, "send_to_user", "{\"to\":" + friend.uid() + ",\"payload\":\"ping\"}");
        call(friendClient, friendInbox, "send_to_user", "{\"to\":" + owner.uid() + ",\"payload\":\"pong\"}");
        JsonObject pair = call(ownerClient, ownerInbox, "history", "{\"feeds\":\"user:" + friend.uid() + "\"}");
        List<JsonObject> exchanged = pair.getJsonObject("Result").getJsonArray("messages").getValuesAs(JsonObject.class);
        assertThat(exchanged).extracting(m -> m.getString("Payload")).containsExactly("ping", "pong");
        assertThat(exchanged).extracting(m -> m.getString("Feeds")).containsOnly("user:" + friend.uid());
    }
}
