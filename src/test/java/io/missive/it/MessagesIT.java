package io.missive.it;

import io.missive.binary.BinaryFrame;
import io.missive.it.client.BinaryWsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Server-to-server publishing, {@code POST /api/messages}. */
class MessagesIT extends MissiveIT {

    private static final Duration WAIT = Duration.ofSeconds(10);


    private Api.Answer publish(String json) {
        return api.call("POST", "api/messages", json, Api.apiKey());
    }

    private long storedCopies(long sender, String clientMsgId) throws Exception {
        try (Connection c = server.openConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM messages WHERE sender_uid = ? AND client_msg_id = ?")) {
            s.setLong(1, sender);
            s.setString(2, clientMsgId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aPrivateMessageFromAUserIsStoredAndDelivered() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        try (BinaryWsClient client = BinaryWsClient.connect(server.wsUri("ws"))) {
            assertThat(client.login(bob.name(), Api.PASSWORD).code()).isZero();
            Api.Answer a = publish("{\"from\":" + alice.uid() + ",\"user\":" + bob.uid() + ",\"payload\":\"hi bob\"}");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            JsonObject stored = a.json();
            assertThat(stored.getString("msgId")).hasSize(32);
            assertThat(stored.getJsonNumber("seq").longValue()).isPositive();
            assertThat(stored.getJsonNumber("conversationId").longValue()).isPositive();
            assertThat(stored.getString("createdAt")).isNotBlank();

            BinaryFrame.Push push = client.next(BinaryFrame.Push.class, WAIT);
            assertThat(new String(push.payload(), StandardCharsets.UTF_8)).isEqualTo("hi bob");
            assertThat(push.msgId().toText()).isEqualTo(stored.getString("msgId"));
        }
    }

    @Test
    void theSameClientMessageIdTwiceStoresOneMessageAndAnswersTheSame() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        String clientId = Api.unique("order");
        String json = "{\"from\":" + alice.uid() + ",\"user\":" + bob.uid() + ",\"payload\":\"once\",\"clientMsgId\":\""
                + clientId + "\"}";
        JsonObject first = publish(json).json();
        JsonObject again = publish(json).json();
        assertThat(again).isEqualTo(first);
        assertThat(storedCopies(alice.uid(), clientId)).isEqualTo(1);

        // retries racing each other: they land in one writer batch or in several; either way one message
        String racing = Api.unique("race");
        String raceJson = "{\"user\":" + bob.uid() + ",\"payload\":\"race\",\"clientMsgId\":\"" + racing + "\"}";
        List<CompletableFuture<Api.Answer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> publish(raceJson)));
        }
        List<JsonObject> answers = calls.stream().map(CompletableFuture::join).map(Api.Answer::json).toList();
        assertThat(answers).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.get(0)));
        assertThat(storedCopies(1, racing)).isEqualTo(1);

        // the same client id from another sender is another message
        JsonObject fromBob = publish("{\"from\":" + bob.uid() + ",\"user\":" + alice.uid()
                + ",\"payload\":\"mine\",\"clientMsgId\":\"" + clientId + "\"}").json();
        assertThat(fromBob.getString("msgId")).isNotEqualTo(first.getString("msgId"));
    }

    @Test
    void toAGroupAndToPartOfIt() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        Api.User carol = api.newUser("carol");
        long group = api.createGroup(Api.unique("team"));
        api.addMember(group, alice.uid());
        api.addMember(group, bob.uid());
        api.addMember(group, carol.uid());
        try (BinaryWsClient b = BinaryWsClient.connect(server.wsUri("ws"));
             BinaryWsClient c = BinaryWsClient.connect(server.wsUri("ws"))) {
            assertThat(b.login(bob.name(), Api.PASSWORD).code()).isZero();
            assertThat(c.login(carol.name(), Api.PASSWORD).code()).isZero();
            JsonObject all = publish("{\"from\":" + alice.uid() + ",\"group\":" + group + ",\"payload\":\"all\"}").json();
            JsonObject part = publish("{\"group\":" + group + ",\"members\":[" + carol.uid()
                    + "],\"payloadBase64\":\"" + Base64.getEncoder().encodeToString(new byte[]{0, 1, 2}) + "\"}").json();
            assertThat(part.getJsonNumber("seq").longValue()).isEqualTo(all.getJsonNumber("seq").longValue() + 1);
            assertThat(new String(b.next(BinaryFrame.Push.class, WAIT).payload(), StandardCharsets.UTF_8)).isEqualTo("all");
            assertThat(new String(c.next(BinaryFrame.Push.class, WAIT).payload(), StandardCharsets.UTF_8)).isEqualTo("all");
            assertThat(c.next(BinaryFrame.Push.class, WAIT).payload()).containsExactly(0, 1, 2);
        }
    }

    @Test
    void refusalsAreJsonWithFittingStatuses() {
        Api.User alice = api.newUser("alice");
        Api.User outsider = api.newUser("outsider");
        long group = api.createGroup(Api.unique("closed"));
        api.addMember(group, alice.uid());
        publish("{\"from\":" + outsider.uid() + ",\"group\":" + group + ",\"payload\":\"x\"}").isError(403, "forbidden");
        publish("{\"user\":4294967295,\"payload\":\"x\"}").isError(404, "not_found");
        publish("{\"from\":4294967294,\"user\":" + alice.uid() + ",\"payload\":\"x\"}").isError(404, "not_found");
        publish("{\"group\":4294967295,\"payload\":\"x\"}").isError(404, "not_found");
        publish("{\"channel\":" + Long.MAX_VALUE + ",\"payload\":\"x\"}").isError(404, "not_found");
        publish("{\"from\":" + alice.uid() + ",\"user\":" + alice.uid() + ",\"payload\":\"x\"}").isError(400, "invalid_request");
        publish("{\"user\":" + alice.uid() + ",\"payload\":\"" + "x".repeat(65536) + "\"}").isError(413, "too_large");
    }

    @Test
    void badInputIsA4xxWithAJsonBody() {
        Api.User alice = api.newUser("alice");
        long uid = alice.uid();
        for (String bad : new String[]{
                "{", "[]", "\"text\"", "{\"user\":\"abc\",\"payload\":\"x\"}", "{\"user\":1e40,\"payload\":\"x\"}",
                "{\"user\":99999999999999999999999,\"payload\":\"x\"}", "{\"user\":1.5,\"payload\":\"x\"}",
                "{\"user\":" + uid + ",\"payload\":{\"nested\":true}}", "{\"user\":" + uid + ",\"members\":\"x\"}"}) {
            Api.Answer a = publish(bad);
            assertThat(a.status()).as(bad + " -> " + a.body()).isBetween(400, 499);
            assertThat(a.json().getString("code")).as(bad).isIn("malformed_json", "invalid_request");
        }
        for (String invalid : new String[]{
                "{\"payload\":\"no target\"}", "{\"user\":" + uid + ",\"group\":5,\"payload\":\"two\"}",
                "{\"user\":" + uid + "}", "{\"user\":" + uid + ",\"payload\":\"\"}",
                "{\"user\":" + uid + ",\"payload\":\"a\",\"payloadBase64\":\"YQ==\"}",
                "{\"user\":" + uid + ",\"payloadBase64\":\"***\"}", "{\"user\":-1,\"payload\":\"x\"}",
                "{\"user\":0,\"payload\":\"x\"}", "{\"user\":4294967296,\"payload\":\"x\"}",
                "{\"from\":-3,\"user\":" + uid + ",\"payload\":\"x\"}",
                "{\"user\":" + uid + ",\"members\":[" + uid + "],\"payload\":\"x\"}",
                "{\"group\":5,\"members\":[],\"payload\":\"x\"}", "{\"group\":5,\"members\":[-1],\"payload\":\"x\"}",
                "{\"user\":" + uid + ",\"payload\":\"x\",\"ttlSeconds\":-1}",
                "{\"user\":" + uid + ",\"payload\":\"x\",\"clientMsgId\":\"has space\"}",
                "{\"user\":" + uid + ",\"payload\":\"x\",\"clientMsgId\":\"" + "k".repeat(65) + "\"}",
                "null"}) {
            api.call("POST", "api/messages", invalid, Api.apiKey()).isError(400, "invalid_request");
        }
        Api.Answer huge = publish("{\"user\":" + uid + ",\"payload\":\"" + "x".repeat(300_000) + "\"}");
        huge.isError(413, "too_large");
        api.call("POST", "api/messages", "user=1", Api.apiKey(), "application/x-www-form-urlencoded")
                .isError(415, "unsupported_media_type");
    }

    @Test
    void withoutTheApiKeyItIs401() {
        Api.User alice = api.newUser("alice");
        String json = Json.createObjectBuilder().add("user", alice.uid()).add("payload", "x").build().toString();
        api.call("POST", "api/messages", json, null).isError(401, "unauthorized");
        api.call("POST", "api/messages", json, "Bearer nope").isError(401, "unauthorized");
        // an end user's token is not a back end's key
        api.call("POST", "api/messages", json, api.login(alice)).isError(401, "unauthorized");
    }
}
