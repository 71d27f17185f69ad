package io.missive.it;

import io.missive.binary.BinaryFrame;
import io.missive.it.client.BinaryWsClient;
import io.missive.it.client.TextTcpClient;
import io.missive.text.TextCommand;
import io.missive.text.TextFrame;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's business push {@code POST /put} (seed 001), end to end to text-protocol devices, on both HTTP
 * stacks that serve it: the container's and the connector's {@code put} listener. Their answers are the same.
 */
class PutIT extends MissiveIT {

    /** Where a put is sent. */
    enum Stack {
        CONTAINER, CONNECTOR
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int PC = 2;
    private static final int ANDROID = 3;
    private static final int MAX_PAYLOAD = 65535;


    private static long newChannel() {
        return ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE);
    }

    private Api.Answer put(String query, String body) {
        return put(Stack.CONTAINER, query, body);
    }

    private Api.Answer put(Stack stack, String query, String body) {
        return call(stack, "put" + query, body, Api.apiKey(), "text/plain; charset=utf-8");
    }

    private Api.Answer call(Stack stack, String pathAndQuery, String body, String authorization, String contentType) {
        URI base = stack == Stack.CONTAINER ? server.httpUri()
                : URI.create("http://localhost:" + server.tcpPort(MissiveServer.TCP_PUT) + "/");
        return api.call(base.resolve(pathAndQuery), "POST", body, authorization, contentType);
    }

    private TextTcpClient subscribed(Api.Device device, long channel) throws Exception {
        TextTcpClient client = TextTcpClient.connect("localhost", server.tcpPort(MissiveServer.TCP_TEXT));
        assertThat(client.identify(device.id(), device.token(), false)).isEqualTo(TextFrame.Response.OK);
        client.send(new TextCommand.Sub(channel));
        assertThat(client.next(WAIT)).isEqualTo(TextFrame.Response.OK);
        return client;
    }

    private static String text(TextFrame.Message m) {
        return new String(m.body(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aPutReachesEverySubscribedDeviceAndAnswersTheSeedsOk(Stack stack) throws Exception {
        Api.Device android = api.registerDevice(ANDROID);
        Api.Device pc = api.registerDevice(PC);
        long channel = newChannel();
        try (TextTcpClient a = subscribed(android, channel); TextTcpClient p = subscribed(pc, channel)) {
            Api.Answer answer = put(stack, "?channel_id=" + channel + "&device_type=0", "推送 to all");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonObject body = answer.json();
            assertThat(body.getInt("code")).isZero();
            assertThat(body.getString("msg")).isEqualTo("OK");
            assertThat(body.get("data")).isEqualTo(JsonValue.NULL);

            TextFrame.Message atAndroid = a.next(TextFrame.Message.class, WAIT);
            assertThat(text(atAndroid)).isEqualTo("推送 to all");
            assertThat(atAndroid.channelId()).isEqualTo(channel);
            assertThat(atAndroid.senderId()).as("a business back end, as docs/protocol-text.md says").isZero();
            assertThat(text(p.next(TextFrame.Message.class, WAIT))).isEqualTo("推送 to all");

            // curl --data-binary sends application/x-www-form-urlencoded: the body is still the message, unparsed
            call(stack, "put?channel_id=" + channel, "a=1&b=2", Api.apiKey(), "application/x-www-form-urlencoded")
                    .isPushCode(200, 0);
            assertThat(text(a.next(TextFrame.Message.class, WAIT))).isEqualTo("a=1&b=2");
        }
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aDeviceTypeReachesOnlyDevicesOfThatType(Stack stack) throws Exception {
        Api.Device android = api.registerDevice(ANDROID);
        Api.Device pc = api.registerDevice(PC);
        long channel = newChannel();
        try (TextTcpClient a = subscribed(android, channel); TextTcpClient p = subscribed(pc, channel)) {
            put(stack, "?channel_id=" + channel + "&device_type=" + PC, "pcs only").isPushCode(200, 0);
            assertThat(text(p.next(TextFrame.Message.class, WAIT))).isEqualTo("pcs only");
            put(stack, "?channel_id=" + channel + "&device_type=" + ANDROID, "androids only").isPushCode(200, 0);
            assertThat(text(a.next(TextFrame.Message.class, WAIT))).isEqualTo("androids only");
            assertThat(p.poll(Duration.ofMillis(300))).as("the PC got only its own").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void theApiPathWorksTooAndAnOfflineSubscriberGetsItOnConnecting(Stack stack) throws Exception {
        Api.Device device = api.registerDevice(ANDROID);
        long channel = newChannel();
        try (TextTcpClient d = subscribed(device, channel)) {
            d.send(TextCommand.Close.INSTANCE);
            assertThat(d.next(WAIT)).isEqualTo(TextFrame.Response.CLOSE_WAIT);
        }
        call(stack, "api/push/put?channel_id=" + channel, "while away", Api.apiKey(), "application/octet-stream")
                .isPushCode(200, 0);
        try (TextTcpClient d = TextTcpClient.connect("localhost", server.tcpPort(MissiveServer.TCP_TEXT))) {
            assertThat(d.identify(device.id(), device.token(), false)).isEqualTo(TextFrame.Response.OK);
            assertThat(text(d.next(TextFrame.Message.class, WAIT))).isEqualTo("while away");
        }
    }

    @Test
    void aPutReachesAWebSocketUserThatABackEndSubscribed() throws Exception {
        Api.User user = api.newUser("ws-subscriber");
        long channel = newChannel();
        api.call("PUT", "api/channels/" + channel + "/subscribers/" + user.uid(), null, Api.apiKey()).isStatus(201);
        api.call("PUT", "api/channels/" + channel + "/subscribers/" + user.uid(), null, Api.apiKey()).isStatus(200);
        assertThat(api.call("GET", "api/channels/" + channel + "/subscribers", null, Api.apiKey()).json()
                .getJsonArray("subscribers").getJsonNumber(0).longValue()).isEqualTo(user.uid());
        try (BinaryWsClient ws = BinaryWsClient.connect(server.wsUri("ws"))) {
            assertThat(ws.login(user.name(), Api.PASSWORD).code()).isZero();
            put("?channel_id=" + channel, "to the browser").isPushCode(200, 0);
            BinaryFrame.Push push = ws.next(BinaryFrame.Push.class, WAIT);
            assertThat(new String(push.payload(), StandardCharsets.UTF_8)).isEqualTo("to the browser");
        }
        api.call("DELETE", "api/channels/" + channel + "/subscribers/" + user.uid(), null, Api.apiKey()).isStatus(204);
        api.call("DELETE", "api/channels/" + channel + "/subscribers/" + user.uid(), null, Api.apiKey())
                .isError(404, "not_found");
        put("?channel_id=" + channel, "nobody now").isPushCode(404, 9);
        api.call("PUT", "api/channels/0/subscribers/" + user.uid(), null, Api.apiKey()).isError(400, "invalid_request");
        api.call("PUT", "api/channels/" + channel + "/subscribers/4294967295", null, Api.apiKey())
                .isError(404, "not_found");
        api.call("PUT", "api/channels/" + channel + "/subscribers/" + user.uid(), null, null).isError(401, "unauthorized");
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void noSubscriberIsCode9(Stack stack) throws Exception {
        put(stack, "?channel_id=" + newChannel() + "&device_type=0", "nobody").isPushCode(404, 9);
        Api.Device android = api.registerDevice(ANDROID);
        long channel = newChannel();
        try (TextTcpClient a = subscribed(android, channel)) {
            // subscribers, but none of that type
            put(stack, "?channel_id=" + channel + "&device_type=" + PC, "no pc").isPushCode(404, 9);
            assertThat(a.poll(Duration.ofMillis(300))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void badParametersGetTheSeedsCodes(Stack stack) {
        long channel = newChannel();
        for (String bad : new String[]{"", "?channel_id=", "?channel_id=0", "?channel_id=-5", "?channel_id=abc",
                "?channel_id=99999999999999999999", "?channel_id=1.5"}) {
            put(stack, bad + (bad.isEmpty() ? "?" : "&") + "device_type=0", "x").isPushCode(400, 7);
        }
        for (String type : new String[]{"7", "-1", "android", "99999999999"}) {
            put(stack, "?channel_id=" + channel + "&device_type=" + type, "x").isPushCode(400, 8);
        }
        put(stack, "?channel_id=" + channel + "&device_type=0", "").isPushCode(400, 4);
        put(stack, "?channel_id=" + channel + "&device_type=0", "x".repeat(MAX_PAYLOAD + 1)).isPushCode(413, 5);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void withoutTheApiKeyItIs401(Stack stack) {
        long channel = newChannel();
        call(stack, "put?channel_id=" + channel, "x", null, "text/plain").isError(401, "unauthorized");
        call(stack, "put?channel_id=" + channel, "x", "Bearer wrong-key", "text/plain").isError(401, "unauthorized");
        call(stack, "api/push/put?channel_id=" + channel, "x", null, "text/plain").isError(401, "unauthorized");
    }
}
