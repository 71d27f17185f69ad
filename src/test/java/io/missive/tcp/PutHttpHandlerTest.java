package io.missive.tcp;

import io.missive.auth.ApiKeyCheck;
import io.missive.config.SharedJson;
import io.missive.core.CoreFixture;
import io.missive.core.TimedPublishReply;
import io.missive.core.model.Target;
import io.missive.core.session.SerialExecutor;
import io.missive.push.BusinessPut;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector's {@code put} listener on an {@link EmbeddedChannel}: bytes in as a back end's HTTP client
 * writes them, through Netty's HTTP codec and the body's limit, to the core of {@link CoreFixture}.
 */
class PutHttpHandlerTest {

    private static final String KEY = "s3cret";
    private static final long CHANNEL = 4242;

    private final CoreFixture fixture = new CoreFixture();
    /** Devices by type, as the store would answer for {@link #CHANNEL}; reads counted. */
    private final Map<Integer, long[]> devicesOfType = new HashMap<>();
    private int deviceReads;
    private final BusinessPut put = new BusinessPut(fixture.core, (channelId, deviceType) -> {
        deviceReads++;
        return channelId == CHANNEL ? devicesOfType.getOrDefault(deviceType, new long[0]) : new long[0];
    });

    private EmbeddedChannel connection(ApiKeyCheck keys, SerialExecutor mailbox) {
        EmbeddedChannel channel = new EmbeddedChannel();
        PutHttpProtocol.addHandlers(channel.pipeline(), put, keys, mailbox);
        return channel;
    }

    private EmbeddedChannel connection() {
        return connection(ApiKeyCheck.of(Optional.of(KEY)), fixture.core.newMailbox());
    }

    private static String post(String uri, String body, String... headers) {
        StringBuilder request = new StringBuilder("POST " + uri + " HTTP/1.1\r\nHost: missive\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\n\r\n").append(body).toString();
    }

    private static String put(String query, String body) {
        return post("/put?" + query, body, "Authorization: Bearer " + KEY);
    }

    private static void send(EmbeddedChannel channel, String... requests) {
        channel.writeInbound(Unpooled.copiedBuffer(String.join("", requests), StandardCharsets.UTF_8));
    }

    /** The answers written so far, each as status line, headers and body. */
    private static List<Answer> answers(EmbeddedChannel channel) {
        StringBuilder raw = new StringBuilder();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            raw.append(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        List<Answer> answers = new ArrayList<>();
        String rest = raw.toString();
        while (!rest.isEmpty()) {
            int headEnd = rest.indexOf("\r\n\r\n");
            String head = rest.substring(0, headEnd);
            int length = Integer.parseInt(head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                    .findFirst().orElseThrow().substring("content-length:".length()).trim());
            String body = rest.substring(headEnd + 4, headEnd + 4 + length);
            answers.add(new Answer(head, body));
            rest = rest.substring(headEnd + 4 + length);
        }
        return answers;
    }

    private record Answer(String head, String body) {
        int status() {
            return Integer.parseInt(head.substring(9, 12));
        }

        JsonObject json() {
            return SharedJson.readObject(body);
        }

        String header(String name) {
            return head.lines().filter(l -> l.toLowerCase().startsWith(name.toLowerCase() + ":"))
                    .map(l -> l.substring(name.length() + 1).trim()).findFirst().orElse(null);
        }
    }

    @Test
    @DisplayName("a put is answered {code 0, OK} once stored, not before, and the message goes to the channel")
    void aPutIsAnsweredOnceStored() {
        fixture.subscribe(CHANNEL, 2);
        fixture.store.autoCommit = false;
        EmbeddedChannel channel = connection();

        send(channel, put("channel_id=" + CHANNEL + "&device_type=0", "hello"));
        assertThat(answers(channel)).as("nothing before the commit").isEmpty();
        fixture.store.commit();

        List<Answer> answers = answers(channel);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).status()).isEqualTo(200);
        assertThat(answers.get(0).body()).isEqualTo("{\"code\":0,\"msg\":\"OK\",\"data\":null}");
        assertThat(answers.get(0).header("Content-Type")).isEqualTo("application/json");
        assertThat(fixture.observed.lastStored.target()).isEqualTo(new Target.Channel(CHANNEL));
        assertThat(new String(fixture.observed.lastStored.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(channel.isOpen()).as("kept alive").isTrue();
    }

    @Test
    @DisplayName("pipelined requests are answered in order: the second waits for the first's commit")
    void pipelinedRequestsAreAnsweredInOrder() {
        fixture.subscribe(CHANNEL, 2);
        fixture.store.autoCommit = false;
        EmbeddedChannel channel = connection();

        send(channel, put("channel_id=" + CHANNEL, "first"), put("channel_id=x", "second"));
        assertThat(answers(channel)).as("the refusal waits behind the put before it").isEmpty();
        fixture.store.commit();

        List<Answer> answers = answers(channel);
        assertThat(answers).extracting(Answer::status).containsExactly(200, 400);
        assertThat(answers.get(1).json().getInt("code")).isEqualTo(7);
    }

    @Test
    @DisplayName("past 16 requests waiting the socket is not read, and is again once they are answered")
    void manyWaitingRequestsStopTheReads() {
        fixture.subscribe(CHANNEL, 2);
        fixture.store.autoCommit = false;
        EmbeddedChannel channel = connection();

        for (int i = 0; i < PutHttpHandler.MAX_WAITING; i++) {
            send(channel, put("channel_id=" + CHANNEL, "m" + i));
            fixture.store.commit();
        }
        send(channel, put("channel_id=" + CHANNEL, "held"));
        assertThat(channel.config().isAutoRead()).isTrue();
        // one in its commit, the next ones decoded behind it
        String many = String.join("", java.util.Collections.nCopies(PutHttpHandler.MAX_WAITING,
                put("channel_id=" + CHANNEL, "more")));
        send(channel, many);
        assertThat(channel.config().isAutoRead()).isFalse();
        for (int i = 0; i <= PutHttpHandler.MAX_WAITING; i++) {
            fixture.store.commit();
        }
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(answers(channel)).hasSize(2 * PutHttpHandler.MAX_WAITING + 1)
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
    }

    @Test
    @DisplayName("a put the store does not decide in 30 s is answered 503 InternalErr, once")
    void aPutNotDecidedInTimeIsAnswered503() {
        fixture.subscribe(CHANNEL, 2);
        fixture.store.autoCommit = false;
        EmbeddedChannel channel = connection();
        send(channel, put("channel_id=" + CHANNEL, "slow"));

        fixture.tick(TimedPublishReply.TIMEOUT_MILLIS + 1_000);
        List<Answer> answers = answers(channel);
        assertThat(answers).extracting(Answer::status).containsExactly(503);
        assertThat(answers.get(0).json().getInt("code")).isEqualTo(2);

        fixture.store.commit();
        assertThat(answers(channel)).as("the late commit does not answer again").isEmpty();
    }

    @Nested
    @DisplayName("the seed's refusals, with the connection kept")
    class Refusals {

        private int status(String request) {
            EmbeddedChannel channel = connection();
            send(channel, request);
            List<Answer> answers = answers(channel);
            assertThat(answers).hasSize(1);
            assertThat(channel.isOpen()).isTrue();
            return answers.get(0).status() * 100 + answers.get(0).json().getInt("code");
        }

        @Test
        void parametersAndBody() {
            fixture.subscribe(CHANNEL, 2);
            assertThat(status(put("device_type=0", "x"))).as("no channel_id").isEqualTo(400_07);
            assertThat(status(put("channel_id=0", "x"))).as("channel_id 0").isEqualTo(400_07);
            assertThat(status(put("channel_id=99999999999999999999", "x"))).isEqualTo(400_07);
            assertThat(status(put("channel_id=" + CHANNEL + "&device_type=7", "x"))).isEqualTo(400_08);
            assertThat(status(put("channel_id=" + CHANNEL + "&device_type=x", "x"))).isEqualTo(400_08);
            assertThat(status(put("channel_id=" + CHANNEL, ""))).as("empty body").isEqualTo(400_04);
            assertThat(status(put("channel_id=7", "x"))).as("no subscriber").isEqualTo(404_09);
            assertThat(status(put("channel_id=" + CHANNEL + "&device_type=3", "x"))).as("none of that type")
                    .isEqualTo(404_09);
        }

        @Test
        void pathAndMethod() {
            assertThat(status(post("/registration", "x", "Authorization: Bearer " + KEY))).isEqualTo(404 * 100 - 1);
            assertThat(status("GET /put?channel_id=1 HTTP/1.1\r\nHost: missive\r\n\r\n")).isEqualTo(405_03);
        }

        @Test
        void theApiPathIsTheSame() {
            fixture.subscribe(CHANNEL, 2);
            assertThat(status(post("/api/push/put?channel_id=" + CHANNEL, "x", "Authorization: Bearer " + KEY)))
                    .isEqualTo(200_00);
        }
    }

    @Test
    @DisplayName("without the API key: 401 with the REST API's error body and a bearer challenge")
    void withoutTheKeyIs401() {
        fixture.subscribe(CHANNEL, 2);
        EmbeddedChannel channel = connection();
        send(channel, post("/put?channel_id=" + CHANNEL, "x"),
                post("/put?channel_id=" + CHANNEL, "x", "Authorization: Bearer wrong"));

        List<Answer> answers = answers(channel);
        assertThat(answers).extracting(Answer::status).containsExactly(401, 401);
        assertThat(answers.get(0).json().getString("code")).isEqualTo("unauthorized");
        assertThat(answers.get(0).header("WWW-Authenticate")).isEqualTo("Bearer realm=\"missive\"");
        assertThat(answers.get(1).header("WWW-Authenticate")).contains("invalid_token");
        assertThat(fixture.observed.stored).isZero();

        EmbeddedChannel unconfigured = connection(ApiKeyCheck.of(Optional.empty()), fixture.core.newMailbox());
        send(unconfigured, put("channel_id=" + CHANNEL, "x"));
        assertThat(answers(unconfigured)).extracting(Answer::status).containsExactly(401);
    }

    @Test
    @DisplayName("on a trusted listener no key is needed")
    void aTrustedListenerNeedsNoKey() {
        fixture.subscribe(CHANNEL, 2);
        EmbeddedChannel channel = connection(null, fixture.core.newMailbox());
        send(channel, post("/put?channel_id=" + CHANNEL, "x"));
        assertThat(answers(channel)).extracting(Answer::status).containsExactly(200);
    }

    @Test
    @DisplayName("a body over the largest payload: 413 MsgTooLong in its turn; the body is dropped, the next request served")
    void aBodyTooLongIs413() {
        fixture.subscribe(CHANNEL, 2);
        fixture.store.autoCommit = false;
        EmbeddedChannel channel = connection();
        String tooLong = "x".repeat(put.maxMessageBytes() + 1);
        send(channel, put("channel_id=" + CHANNEL, "first"), put("channel_id=" + CHANNEL, tooLong),
                put("channel_id=" + CHANNEL, "third"));
        assertThat(answers(channel)).isEmpty();
        fixture.store.commit();
        fixture.store.commit();

        List<Answer> answers = answers(channel);
        assertThat(answers).extracting(Answer::status).containsExactly(200, 413, 200);
        assertThat(answers.get(1).json().getInt("code")).isEqualTo(5);
        assertThat(channel.isOpen()).isTrue();
        assertThat(fixture.observed.stored).isEqualTo(2);
        assertThat(new String(fixture.observed.lastStored.payload(), StandardCharsets.UTF_8)).isEqualTo("third");
    }

    @Test
    @DisplayName("Expect: 100-continue with a body too long: 413 MsgTooLong before the body is sent")
    void aTooLongBodyAnnouncedIsRefusedBeforeItComes() {
        EmbeddedChannel channel = connection();
        send(channel, "POST /put?channel_id=1 HTTP/1.1\r\nHost: missive\r\nAuthorization: Bearer " + KEY
                + "\r\nExpect: 100-continue\r\nContent-Length: " + (put.maxMessageBytes() + 1) + "\r\n\r\n");
        List<Answer> answers = answers(channel);
        assertThat(answers).extracting(Answer::status).containsExactly(413);
        assertThat(answers.get(0).json().getInt("code")).isEqualTo(5);
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @DisplayName("what is not HTTP: 400 ParamErr and the connection closed")
    void notHttpIs400AndCloses() {
        EmbeddedChannel channel = connection();
        send(channel, "HELLO\u0000\u0001 there\r\n\r\n");
        List<Answer> answers = answers(channel);
        assertThat(answers).extracting(Answer::status).containsExactly(400);
        assertThat(answers.get(0).json().getInt("code")).isEqualTo(1);
        assertThat(channel.isOpen()).isFalse();

        EmbeddedChannel longLine = connection();
        send(longLine, "POST /put?" + "a".repeat(PutHttpProtocol.MAX_LINE_BYTES) + " HTTP/1.1\r\n\r\n");
        assertThat(answers(longLine)).extracting(Answer::status).containsExactly(400);
        assertThat(longLine.isOpen()).isFalse();
    }

    @Test
    @DisplayName("on the event loop: a put to all devices reads nothing and waits for no pool; one to a device type reads there")
    void aPutToAllDevicesStaysOnTheLoop() {
        fixture.subscribe(CHANNEL, 2);
        devicesOfType.put(3, new long[]{2});
        fixture.holdTasks = true;
        EmbeddedChannel channel = connection(ApiKeyCheck.of(Optional.of(KEY)),
                fixture.core.newMailbox(CoreFixture.CALLERS_LOOP));

        send(channel, put("channel_id=" + CHANNEL, "to all"));
        assertThat(answers(channel)).extracting(Answer::status).as("answered without the pool").containsExactly(200);

        send(channel, put("channel_id=" + CHANNEL + "&device_type=3", "to Android"));
        assertThat(answers(channel)).as("the read waits for the pool").isEmpty();
        assertThat(deviceReads).isZero();
        fixture.runHeldTasks();
        assertThat(deviceReads).isEqualTo(1);
        assertThat(answers(channel)).extracting(Answer::status).containsExactly(200);
        assertThat(fixture.observed.lastStored.target().listedUids()).containsExactly(2L);
    }
}
