package io.missive.it;

import io.missive.binary.BinaryFrame;
import io.missive.binary.ConnectCode;
import io.missive.core.model.MessageId;
import io.missive.it.client.BinaryClient;
import io.missive.it.client.BinaryTcpClient;
import io.missive.it.client.BinaryWsClient;
import io.missive.it.client.RawMqttClient;
import io.missive.it.client.TextTcpClient;
import io.missive.text.TextErrorCode;
import io.missive.text.TextFrame;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API (/api/admin) end to end: who may call it, the status figures, the list of live
 * connections of every protocol with their kick, inject, pending counts and the directories; and
 * the management endpoints with an administrator's token.
 */
class AdminApiIT extends MissiveIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int ANDROID = 3;


    private Api.Answer get(String path, String token) {
        return api.call("GET", path, null, token);
    }

    private BinaryWsClient ws(Api.User user) throws Exception {
        BinaryWsClient client = BinaryWsClient.connect(server.wsUri("ws"));
        assertThat(client.login(user.name(), Api.PASSWORD).code()).isEqualTo(ConnectCode.ACCEPTED.code());
        return client;
    }

    private BinaryTcpClient tcp(Api.User user) throws Exception {
        BinaryTcpClient client = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_BINARY));
        assertThat(client.login(user.name(), Api.PASSWORD).code()).isEqualTo(ConnectCode.ACCEPTED.code());
        return client;
    }

    private TextTcpClient device(Api.Device device) throws Exception {
        TextTcpClient client = TextTcpClient.connect("localhost", server.tcpPort(MissiveServer.TCP_TEXT));
        assertThat(client.identify(device.id(), device.token(), false)).isEqualTo(TextFrame.Response.OK);
        return client;
    }

    private RawMqttClient mqtt(Api.User user) throws Exception {
        RawMqttClient client = RawMqttClient.connect(server.tcpPort(MissiveServer.TCP_MQTT));
        assertThat(client.login(Api.unique("admin-it"), user.name(), Api.PASSWORD, true))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        return client;
    }

    private static void exchange(BinaryClient from, BinaryClient to, long toUid, String text) {
        MessageId id = MessageId.random();
        from.send(new BinaryFrame.Publish(toUid, id, text.getBytes(StandardCharsets.UTF_8)));
        assertThat(from.next(BinaryFrame.PubAck.class, WAIT).msgId()).isEqualTo(id);
        BinaryFrame.Push push = to.next(BinaryFrame.Push.class, WAIT);
        assertThat(new String(push.payload(), StandardCharsets.UTF_8)).isEqualTo(text);
        to.send(new BinaryFrame.PubAck(push.msgId()));
    }

    /** The connections whose name, uid or address contains {@code q}. */
    private List<JsonObject> connections(String admin, String q) {
        return get("api/admin/connections?limit=200&q=" + q, admin).isStatus(200).json()
                .getJsonArray("items").getValuesAs(JsonObject.class);
    }

    /** The one connection named {@code name}, once it is listed (a login registers on the server's side). */
    private JsonObject connectionOf(String admin, String name) {
        return awaitValue(() -> connections(admin, name).stream().filter(c -> c.getString("name").equals(name))
                .findFirst().orElse(null), c -> c != null);
    }

    private static <T> T awaitValue(java.util.function.Supplier<T> value, Predicate<T> done) {
        Instant until = Instant.now().plus(WAIT);
        T last = value.get();
        while (!done.test(last) && Instant.now().isBefore(until)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = value.get();
        }
        assertThat(done.test(last)).as("in time: %s", last).isTrue();
        return last;
    }

    @Test
    void onlyAnEnabledAdministratorsTokenOpensTheAdminApi() {
        Api.User user = api.newUser("plain");
        String userToken = api.login(user);
        Api.User admin = api.newAdmin("admin");
        String adminToken = api.login(admin);
        Api.User former = api.newAdmin("former-admin");
        String formerToken = api.login(former);
        Api.User demoted = api.newAdmin("demoted-admin");
        String demotedToken = api.login(demoted);
        String inject = "{\"user\":" + user.uid() + ",\"payload\":\"x\"}";
        String[][] calls = {
                {"GET", "api/admin/status", null}, {"GET", "api/admin/connections", null},
                {"DELETE", "api/admin/connections/999999999", null}, {"POST", "api/admin/inject", inject},
                {"GET", "api/admin/pending", null}, {"GET", "api/admin/users", null},
                {"GET", "api/admin/users/" + user.uid() + "/pending", null}, {"GET", "api/admin/groups", null},
                {"GET", "api/admin/devices", null}, {"PUT", "api/admin/devices/999999999", "{\"deviceName\":\"x\"}"}};
        for (String[] c : calls) {
            api.call(c[0], c[1], c[2], adminToken).isStatus(switch (c[0] + " " + c[1]) {
                case "DELETE api/admin/connections/999999999", "PUT api/admin/devices/999999999" -> 404;
                default -> 200;
            });
        }
        api.disableUser(former.uid());
        api.call("PUT", "api/users/" + demoted.uid() + "/role", "{\"role\":\"user\"}", Api.apiKey()).isStatus(200);
        for (String[] c : calls) {
            api.call(c[0], c[1], c[2], null).isError(401, "unauthorized");
            api.call(c[0], c[1], c[2], "Bearer not-a-token").isError(401, "unauthorized");
            api.call(c[0], c[1], c[2], Api.apiKey()).isError(403, "forbidden");
            api.call(c[0], c[1], c[2], userToken).isError(403, "forbidden");
            api.call(c[0], c[1], c[2], formerToken).isError(401, "unauthorized");   // a disabled account's token
            api.call(c[0], c[1], c[2], demotedToken).isError(403, "forbidden");
        }
        // a disabled admin cannot log in again either
        api.call("POST", "api/auth/login", "{\"username\":\"" + former.name() + "\",\"password\":\""
                + Api.PASSWORD + "\"}", null).isError(403, "forbidden");
    }

    @Test
    void anAdministratorsTokenManagesUsersGroupsAndChannelsLikeTheApiKey() {
        String adminToken = api.login(api.newAdmin("manager"));
        Api.User plain = api.newUser("managed");
        String userToken = api.login(plain);
        String name = Api.unique("made-by-admin");

        JsonObject made = api.call("POST", "api/users", "{\"username\":\"" + name + "\",\"password\":\""
                + Api.PASSWORD + "\"}", adminToken).isStatus(201).json();
        long uid = made.getJsonNumber("uid").longValue();
        assertThat(api.call("PUT", "api/users/" + uid + "/role", "{\"role\":\"admin\"}", adminToken).isStatus(200)
                .json().getString("role")).isEqualTo("admin");
        api.call("PUT", "api/users/" + uid + "/role", "{\"role\":\"root\"}", adminToken).isError(400, "invalid_request");
        api.call("PUT", "api/users/1/role", "{\"role\":\"admin\"}", adminToken).isError(409, "conflict");
        assertThat(api.call("PUT", "api/users/" + uid + "/disabled", "{\"disabled\":true}", adminToken).isStatus(200)
                .json().getBoolean("disabled")).isTrue();
        long group = api.call("POST", "api/groups", "{\"name\":\"by admin\"}", adminToken).isStatus(201).json()
                .getJsonNumber("id").longValue();
        api.call("PUT", "api/groups/" + group + "/members/" + plain.uid(), null, adminToken).isStatus(201);
        // an admin reads any group, member or not, as a back end does
        assertThat(get("api/groups/" + group + "/members", adminToken).isStatus(200).json().getJsonArray("members"))
                .hasSize(1);
        api.call("PUT", "api/channels/4242/subscribers/" + plain.uid(), null, adminToken).isStatus(201);

        api.call("POST", "api/users", "{\"username\":\"" + Api.unique("nope") + "\",\"password\":\""
                + Api.PASSWORD + "\"}", userToken).isError(403, "forbidden");
        api.call("PUT", "api/users/" + plain.uid() + "/role", "{\"role\":\"admin\"}", userToken).isError(403, "forbidden");
        api.call("DELETE", "api/groups/" + group, null, userToken).isError(403, "forbidden");
        api.call("DELETE", "api/groups/" + group, null, adminToken).isStatus(204);
    }

    @Test
    void theStatusMovesWhenClientsConnectAndPublish() throws Exception {
        String admin = api.login(api.newAdmin("watcher"));
        JsonObject before = get("api/admin/status", admin).isStatus(200).json();
        Api.User alice = api.newUser("status-a");
        Api.User bob = api.newUser("status-b");
        try (BinaryWsClient a = ws(alice); BinaryWsClient b = ws(bob)) {
            connectionOf(admin, alice.name());
            connectionOf(admin, bob.name());
            for (int i = 0; i < 3; i++) {
                exchange(a, b, bob.uid(), "counted " + i);
            }
            JsonObject after = awaitValue(() -> get("api/admin/status", admin).json(),
                    s -> s.getJsonObject("totals").getJsonNumber("acknowledged").longValue()
                            >= before.getJsonObject("totals").getJsonNumber("acknowledged").longValue() + 3
                            && s.getJsonObject("messagesPerSecond").getJsonNumber("in").doubleValue() > 0);

            assertThat(after.getString("startedAt")).isEqualTo(before.getString("startedAt"));
            assertThat(after.getJsonNumber("uptimeSeconds").longValue()).isGreaterThanOrEqualTo(0);
            JsonObject connections = after.getJsonObject("connections");
            assertThat(connections.getInt("total")).isGreaterThanOrEqualTo(2);
            assertThat(connections.getJsonObject("byProtocol").getInt("binary-ws")).isGreaterThanOrEqualTo(2);
            assertThat(connections.getJsonObject("byClientType").keySet())
                    .containsExactlyInAnyOrder("normal", "subscriber", "publisher", "both");
            assertThat(connections.getJsonObject("byClientType").getInt("both")).isGreaterThanOrEqualTo(1);
            for (String total : List.of("in", "out")) {
                assertThat(after.getJsonObject("totals").getJsonNumber(total).longValue()).as(total)
                        .isGreaterThanOrEqualTo(before.getJsonObject("totals").getJsonNumber(total).longValue() + 3);
            }
            assertThat(after.getJsonObject("totals").keySet()).contains("resent", "expired");
            assertThat(after.getJsonObject("messagesPerSecond").getJsonNumber("out").doubleValue()).isPositive();
            assertThat(after.getJsonObject("databasePool").getBoolean("up")).isTrue();
            assertThat(after.getJsonNumber("pendingBacklog").longValue()).isGreaterThanOrEqualTo(0);
            JsonObject jvm = after.getJsonObject("jvm");
            assertThat(jvm.getJsonNumber("heapUsedBytes").longValue()).isPositive();
            assertThat(jvm.getJsonNumber("heapMaxBytes").longValue()).isGreaterThanOrEqualTo(jvm.getJsonNumber("heapUsedBytes").longValue());
            assertThat(jvm.getJsonNumber("nonHeapUsedBytes").longValue()).isPositive();
            assertThat(jvm.getInt("threads")).isPositive();
            assertThat(jvm.getInt("availableProcessors")).isPositive();
        }
    }

    @Test
    void everyProtocolsConnectionsAreListedWithKindProtocolAndCounters() throws Exception {
        String admin = api.login(api.newAdmin("lister"));
        String prefix = Api.unique("listed");
        Api.User wsUser = new Api.User(prefix + "-ws", api.createUser(prefix + "-ws", Api.PASSWORD));
        Api.User tcpUser = new Api.User(prefix + "-tcp", api.createUser(prefix + "-tcp", Api.PASSWORD));
        Api.User mqttUser = new Api.User(prefix + "-mqtt", api.createUser(prefix + "-mqtt", Api.PASSWORD));
        Api.User mqttWsUser = api.newUser("mqtt-over-ws");
        Api.Device registered = api.registerDevice(ANDROID);
        MqttClient paho = new MqttClient("ws://localhost:" + server.httpPort() + "/mqtt", Api.unique("paho"),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(mqttWsUser.name());
        options.setPassword(Api.PASSWORD.toCharArray());
        options.setAutomaticReconnect(false);
        paho.connect(options);
        try (BinaryWsClient w = ws(wsUser); BinaryTcpClient t = tcp(tcpUser); RawMqttClient m = mqtt(mqttUser);
             TextTcpClient d = device(registered);
             BinaryTcpClient trusted = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_TRUSTED))) {
            exchange(w, t, tcpUser.uid(), "ws to tcp");
            m.publish("test/" + prefix, "hello", 0, 0);
            MessageId fromServer = MessageId.random();
            trusted.send(new BinaryFrame.Publish(wsUser.uid(), fromServer, "from a back end".getBytes(StandardCharsets.UTF_8)));
            assertThat(trusted.next(BinaryFrame.PubAck.class, WAIT).msgId()).isEqualTo(fromServer);
            w.send(new BinaryFrame.PubAck(w.next(BinaryFrame.Push.class, WAIT).msgId()));

            JsonObject wsItem = connectionOf(admin, wsUser.name());
            assertThat(wsItem.getString("protocol")).isEqualTo("binary-ws");
            assertThat(wsItem.getString("kind")).isEqualTo("user");
            assertThat(wsItem.getJsonNumber("uid").longValue()).isEqualTo(wsUser.uid());
            assertThat(wsItem.getString("clientType")).isEqualTo("both");
            assertThat(wsItem.getJsonNumber("messagesIn").longValue()).isEqualTo(1);
            assertThat(wsItem.getJsonNumber("messagesOut").longValue()).isEqualTo(1);
            // Jakarta WebSocket gives no address; Payara's Tyrus gives the host, WildFly's Undertow host and port
            assertThat(wsItem.getString("remoteAddress")).matches("(127\\.0\\.0\\.1|0:0:0:0:0:0:0:1|::1)(:\\d+)?");
            assertThat(Instant.parse(wsItem.getString("connectedAt"))).isBefore(Instant.now().plusSeconds(1));
            JsonObject tcpItem = connectionOf(admin, tcpUser.name());
            assertThat(tcpItem.getString("protocol")).isEqualTo("binary-tcp");
            assertThat(tcpItem.getString("remoteAddress")).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(tcpItem.getString("clientType")).isEqualTo("subscriber");
            assertThat(tcpItem.getJsonNumber("messagesIn").longValue()).isZero();
            assertThat(tcpItem.getJsonNumber("messagesOut").longValue()).isEqualTo(1);
            JsonObject mqttItem = awaitValue(() -> connectionOf(admin, mqttUser.name()),
                    c -> c.getJsonNumber("messagesIn").longValue() == 1);
            assertThat(mqttItem.getString("protocol")).isEqualTo("mqtt-tcp");
            assertThat(mqttItem.getString("kind")).isEqualTo("user");
            assertThat(mqttItem.getString("clientType")).isEqualTo("both");
            JsonObject mqttWsItem = connectionOf(admin, mqttWsUser.name());
            assertThat(mqttWsItem.getString("protocol")).isEqualTo("mqtt-ws");
            assertThat(mqttWsItem.getString("clientType")).isEqualTo("subscriber");
            JsonObject deviceItem = connectionOf(admin, "device:" + registered.id());
            assertThat(deviceItem.getString("protocol")).isEqualTo("text-tcp");
            assertThat(deviceItem.getString("kind")).isEqualTo("device");
            assertThat(deviceItem.getJsonNumber("uid").longValue()).isEqualTo(registered.id());
            List<JsonObject> servers = get("api/admin/connections?limit=200&protocol=binary-tcp", admin).json()
                    .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("kind").equals("server") && c.getJsonNumber("messagesIn").longValue() >= 1)
                    .toList();
            assertThat(servers).isNotEmpty().allSatisfy(c -> {
                assertThat(c.getString("clientType")).isEqualTo("publisher");
                assertThat(c.get("uid")).isEqualTo(JsonValue.NULL);
            });

            // search and paging: q is a case-insensitive part of the name; limit and offset page the result
            JsonObject first = get("api/admin/connections?q=" + prefix.toUpperCase() + "&limit=2", admin).isStatus(200).json();
            assertThat(first.getInt("total")).isEqualTo(3);
            assertThat(first.getInt("limit")).isEqualTo(2);
            assertThat(first.getJsonArray("items")).hasSize(2);
            JsonObject second = get("api/admin/connections?q=" + prefix + "&limit=2&offset=2", admin).json();
            assertThat(second.getInt("offset")).isEqualTo(2);
            assertThat(second.getJsonArray("items")).hasSize(1);
            assertThat(get("api/admin/connections?q=" + prefix + "&protocol=binary-ws", admin).json().getInt("total"))
                    .isEqualTo(1);
            assertThat(get("api/admin/connections?q=" + tcpUser.uid(), admin).json().getJsonArray("items")
                    .getValuesAs(JsonObject.class)).anySatisfy(c -> assertThat(c.getString("name")).isEqualTo(tcpUser.name()));
            assertThat(get("api/admin/connections?limit=100000", admin).isStatus(200).json().getInt("limit")).isEqualTo(200);
            for (String bad : List.of("limit=0", "limit=abc", "offset=-1", "offset=1.5", "limit=99999999999")) {
                get("api/admin/connections?" + bad, admin).isError(400, "invalid_request");
            }
        } finally {
            paho.disconnect();
            paho.close();
        }
    }

    @Test
    void aKickedClientGetsItsProtocolsDisconnect() throws Exception {
        String admin = api.login(api.newAdmin("kicker"));
        Api.User wsUser = api.newUser("kick-ws");
        Api.User tcpUser = api.newUser("kick-tcp");
        Api.User mqttUser = api.newUser("kick-mqtt");
        Api.Device registered = api.registerDevice(ANDROID);
        try (BinaryWsClient w = ws(wsUser); BinaryTcpClient t = tcp(tcpUser); RawMqttClient m = mqtt(mqttUser);
             TextTcpClient d = device(registered);
             BinaryTcpClient trusted = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_TRUSTED))) {
            // A WebSocket the server closes within milliseconds of opening can find Payara's Tyrus still
            // flushing the upgrade's response, which it logs as SEVERE (the client sees a clean close all
            // the same). Kicking a client that fast is the test's haste, not an operator's.
            Thread.sleep(500);
            kick(admin, wsUser.name());
            assertThat(w.next(WAIT)).isInstanceOf(BinaryFrame.Disconnect.class);
            assertThat(w.awaitClosed(WAIT)).isTrue();
            assertThat(w.closeCode()).isEqualTo(1008);
            assertThat(w.closeReason()).isEqualTo("removed by an administrator");

            kick(admin, tcpUser.name());
            assertThat(t.next(WAIT)).isInstanceOf(BinaryFrame.Disconnect.class);
            assertThat(t.awaitClosed(WAIT)).isTrue();

            kick(admin, "device:" + registered.id());
            TextFrame last = d.next(WAIT);
            assertThat(last).isInstanceOf(TextFrame.Error.class);
            assertThat(((TextFrame.Error) last).code()).isEqualTo(TextErrorCode.E_CLOSED);
            assertThat(d.awaitClosed(WAIT)).isTrue();

            kick(admin, mqttUser.name());
            assertThat(m.awaitClosed(WAIT)).isTrue();

            // a trusted server, which never logged in, is found by its address and gets DISCONNECT too
            MessageId id = MessageId.random();
            trusted.send(new BinaryFrame.Publish(wsUser.uid(), id, "from a back end".getBytes(StandardCharsets.UTF_8)));
            assertThat(trusted.next(BinaryFrame.PubAck.class, WAIT).msgId()).isEqualTo(id);
            List<String> servers = get("api/admin/connections?limit=200&protocol=binary-tcp", admin).json()
                    .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("kind").equals("server")).map(c -> c.getString("id")).toList();
            for (String server : servers) {
                api.call("DELETE", "api/admin/connections/" + server, null, admin).isStatus(204);
            }
            assertThat(trusted.next(WAIT)).isInstanceOf(BinaryFrame.Disconnect.class);
            assertThat(trusted.awaitClosed(WAIT)).isTrue();

            for (String name : List.of(wsUser.name(), tcpUser.name(), mqttUser.name(), "device:" + registered.id())) {
                awaitValue(() -> connections(admin, name), List::isEmpty);
            }
        }
        api.call("DELETE", "api/admin/connections/not-an-id", null, admin).isError(404, "not_found");
        // a kicked user may come back at once
        try (BinaryWsClient again = ws(wsUser)) {
            connectionOf(admin, wsUser.name());
        }
    }

    private void kick(String admin, String name) {
        String id = connectionOf(admin, name).getString("id");
        api.call("DELETE", "api/admin/connections/" + id, null, admin).isStatus(204);
    }

    @Test
    void anInjectedMessageWaitsForItsOfflineRecipientAndCountsAsPendingUntilDelivered() throws Exception {
        String admin = api.login(api.newAdmin("injector"));
        Api.User bob = api.newUser("offline-bob");
        Api.User carol = api.newUser("expiring-carol");

        JsonObject injected = api.call("POST", "api/admin/inject", "{\"user\":" + bob.uid()
                + ",\"payload\":\"while you were away\",\"ttlSeconds\":600}", admin).isStatus(200).json();
        assertThat(injected.getString("msgId")).hasSize(32);
        assertThat(injected.getJsonNumber("seq").longValue()).isEqualTo(1);
        api.call("POST", "api/admin/inject", "{\"user\":" + bob.uid() + ",\"payload\":\"second\"}", admin).isStatus(200);
        api.call("POST", "api/admin/inject", "{\"user\":" + carol.uid() + ",\"payload\":\"gone soon\",\"ttlSeconds\":1}",
                admin).isStatus(200);
        api.call("POST", "api/admin/inject", "{\"payload\":\"nobody\"}", admin).isError(400, "invalid_request");
        api.call("POST", "api/admin/inject", "{\"user\":4294967000,\"payload\":\"x\"}", admin).isError(404, "not_found");

        JsonObject bobPending = get("api/admin/users/" + bob.uid() + "/pending", admin).isStatus(200).json();
        assertThat(bobPending.getJsonNumber("uid").longValue()).isEqualTo(bob.uid());
        assertThat(bobPending.getJsonNumber("pending").longValue()).isEqualTo(2);
        JsonObject all = get("api/admin/pending?limit=200", admin).isStatus(200).json();
        assertThat(all.getJsonNumber("total").longValue()).isPositive();
        List<JsonObject> items = all.getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(items).anySatisfy(i -> {
            assertThat(i.getJsonNumber("uid").longValue()).isEqualTo(bob.uid());
            assertThat(i.getString("username")).isEqualTo(bob.name());
            assertThat(i.getJsonNumber("pending").longValue()).isEqualTo(2);
        });
        for (int i = 1; i < items.size(); i++) {
            assertThat(items.get(i).getJsonNumber("pending").longValue())
                    .isLessThanOrEqualTo(items.get(i - 1).getJsonNumber("pending").longValue());
        }
        awaitValue(() -> get("api/admin/status", admin).json().getJsonNumber("pendingBacklog").longValue(), n -> n >= 2);

        // carol's message outlives its time to live: no longer pending, never delivered
        awaitValue(() -> get("api/admin/users/" + carol.uid() + "/pending", admin).json()
                .getJsonNumber("pending").longValue(), n -> n == 0);
        try (BinaryWsClient c = ws(carol)) {
            assertThat(c.poll(Duration.ofSeconds(1))).isEmpty();
        }

        try (BinaryWsClient b = ws(bob)) {
            assertThat(b.receiveAndAcknowledge(2)).containsExactly("while you were away", "second");
            awaitValue(() -> get("api/admin/users/" + bob.uid() + "/pending", admin).json()
                    .getJsonNumber("pending").longValue(), n -> n == 0);
        }
        get("api/admin/users/4294967000/pending", admin).isError(404, "not_found");
        get("api/admin/users/zero/pending", admin).isError(400, "invalid_request");
    }

    @Test
    void usersGroupsAndDevicesAreSearchedPagedAndDevicesEdited() throws Exception {
        String admin = api.login(api.newAdmin("browser"));
        String prefix = Api.unique("Browse");
        long first = api.createUser(prefix + "-one", Api.PASSWORD);
        api.createUser(prefix + "-two", Api.PASSWORD);
        Api.User online = new Api.User(prefix + "-three", api.createUser(prefix + "-three", Api.PASSWORD));

        try (BinaryWsClient w = ws(online)) {
            JsonObject page = get("api/admin/users?q=" + prefix.toLowerCase() + "&limit=2", admin).isStatus(200).json();
            assertThat(page.getInt("total")).isEqualTo(3);
            List<JsonObject> users = page.getJsonArray("items").getValuesAs(JsonObject.class);
            assertThat(users).extracting(u -> u.getString("username")).containsExactly(prefix + "-one", prefix + "-two");
            assertThat(users.get(0).keySet()).containsExactly("uid", "username", "role", "disabled", "createdAt", "online");
            assertThat(users.get(0).getBoolean("online")).isFalse();
            JsonObject rest = get("api/admin/users?q=" + prefix + "&offset=2", admin).json();
            assertThat(rest.getJsonArray("items").getJsonObject(0).getBoolean("online")).isTrue();
            assertThat(get("api/admin/users?q=" + prefix + "&offset=9", admin).json().getInt("total")).isEqualTo(3);
            assertThat(get("api/admin/users?q=" + first, admin).json().getJsonArray("items").getValuesAs(JsonObject.class))
                    .anySatisfy(u -> assertThat(u.getJsonNumber("uid").longValue()).isEqualTo(first));
        }

        long group = api.createGroup(prefix + " team");
        api.addMember(group, first);
        JsonObject groups = get("api/admin/groups?q=" + prefix + "%20TEAM", admin).isStatus(200).json();
        assertThat(groups.getInt("total")).isEqualTo(1);
        JsonObject g = groups.getJsonArray("items").getJsonObject(0);
        assertThat(g.getJsonNumber("id").longValue()).isEqualTo(group);
        assertThat(g.getInt("memberCount")).isEqualTo(1);

        Api.Device registered = api.registerDevice(ANDROID);
        JsonObject devices = get("api/admin/devices?q=" + registered.id(), admin).isStatus(200).json();
        JsonObject device = devices.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(x -> x.getJsonNumber("deviceId").longValue() == registered.id()).findFirst().orElseThrow();
        assertThat(device.getInt("deviceType")).isEqualTo(ANDROID);
        assertThat(device.getBoolean("online")).isFalse();
        String serial = device.getString("serialNo");
        assertThat(get("api/admin/devices?q=" + serial, admin).json().getInt("total")).isEqualTo(1);

        try (TextTcpClient d = device(registered)) {
            JsonObject renamed = api.call("PUT", "api/admin/devices/" + registered.id(),
                    "{\"deviceName\":\"lobby screen\"}", admin).isStatus(200).json();
            assertThat(renamed.getString("deviceName")).isEqualTo("lobby screen");
            assertThat(renamed.getBoolean("online")).isTrue();
            JsonObject disabled = api.call("PUT", "api/admin/devices/" + registered.id(), "{\"disabled\":true}", admin)
                    .isStatus(200).json();
            assertThat(disabled.getBoolean("disabled")).isTrue();
            assertThat(disabled.getString("deviceName")).isEqualTo("lobby screen");
            assertThat(d.awaitClosed(WAIT)).isTrue();
        }
        try (TextTcpClient refused = TextTcpClient.connect("localhost", server.tcpPort(MissiveServer.TCP_TEXT))) {
            assertThat(refused.identify(registered.id(), registered.token(), false)).isInstanceOf(TextFrame.Error.class);
        }
        api.call("PUT", "api/admin/devices/" + registered.id(), "{\"disabled\":\"yes\"}", admin).isError(400, "malformed_json");
        api.call("PUT", "api/admin/devices/" + registered.id(), "{\"deviceName\":\"" + "x".repeat(129) + "\"}", admin)
                .isError(400, "invalid_request");
        get("api/admin/groups?limit=-5", admin).isError(400, "invalid_request");
    }
}
