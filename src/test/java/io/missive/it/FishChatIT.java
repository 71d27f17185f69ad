package io.missive.it;

import io.missive.binary.BinaryFrame;
import io.missive.binary.ConnectCode;
import io.missive.it.client.BinaryTcpClient;
import io.missive.it.client.FishChatTcpClient;
import io.missive.it.client.FishChatTcpClient.Form;
import io.missive.it.client.FishChatTcpClient.Frame;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FishChat's client protocol (seed 004, {@code protocols/fishchat.md}) over real sockets against the
 * deployed WAR, with clients that frame as the Go demos (a trailing newline) and as the Android
 * client (none): the gateway's answer and close, private messages both ways, offline delivery,
 * acknowledged and unacknowledged messages at the next login, topics with a binary-protocol member,
 * every bad input of issue 14 with its one log line, and the listeners' default bind address.
 */
class FishChatIT extends MissiveIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long a client that must get nothing is watched. */
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private int gatewayPort() {
        return server.tcpPort(MissiveServer.TCP_FISHCHAT_GATEWAY);
    }

    private int port() {
        return server.tcpPort(MissiveServer.TCP_FISHCHAT);
    }

    private FishChatTcpClient login(Form form, String id) throws IOException {
        FishChatTcpClient client = FishChatTcpClient.login(port(), form, id);
        awaitOnline(id);   // FishChat does not answer a login: wait until the server lists it
        return client;
    }

    private void awaitOnline(String id) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!api.call("GET", "api/admin/connections?limit=10&q=" + id, null, admin()).isStatus(200).json()
                    .getJsonArray("items").isEmpty()) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError(id + " is not online after " + WAIT);
    }

    private String adminToken;

    private String admin() {
        if (adminToken == null) {
            adminToken = api.login(api.newAdmin("fishchat-admin"));
        }
        return adminToken;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String id(String prefix) {
        return Api.unique(prefix);
    }

    @Test
    void theGatewayAnswersWithTheMessageServersAddressAndCloses() throws Exception {
        for (Form form : Form.values()) {
            try (FishChatTcpClient client = FishChatTcpClient.connect(gatewayPort(), form)) {
                client.send("SEND_PING", "PING");   // anything but REQ_MSG_SERVER is ignored
                client.send("REQ_MSG_SERVER");
                Frame answer = client.next();
                assertThat(answer.body()).isEqualTo("{\"CmdName\":\"SELECT_MSG_SERVER_FOR_CLIENT\",\"Args\":[\"127.0.0.1:"
                        + port() + "\"]}");
                assertThat(answer.endsWithNewline()).as("the Go server's form").isTrue();
                assertThat(client.awaitClosed(WAIT)).as("closed after the one answer (%s)", form).isTrue();
            }
        }
    }

    @Test
    void goAndAndroidClientsExchangePrivateMessagesBothWays() throws Exception {
        String alice = id("fc-alice");
        String bob = id("fc-bob");
        try (FishChatTcpClient go = login(Form.GO, alice); FishChatTcpClient android = login(Form.ANDROID, bob)) {
            go.send("SEND_MESSAGE_P2P", bob, "hi from go <&>", alice);
            Frame toBob = android.next();
            assertThat(toBob.name()).isEqualTo("RESP_MESSAGE_P2P");
            assertThat(toBob.args()).hasSize(3).startsWith("hi from go <&>", alice);
            assertThat(toBob.args().get(2)).matches(UUID);
            assertThat(toBob.body()).contains("\\u003c\\u0026\\u003e");

            android.send("SEND_MESSAGE_P2P", alice, "hi from android ✓", bob);
            assertThat(go.next().args()).startsWith("hi from android ✓", bob);
            assertThat(go.poll(QUIET)).as("the sender gets nothing back").isEmpty();
            assertThat(android.poll(QUIET)).isEmpty();
        }
    }

    @Test
    void offlineMessagesComeAtTheNextLoginAndOnlyUnacknowledgedOnesComeAgain() throws Exception {
        String alice = id("fc-alice");
        String bob = id("fc-bob");
        login(Form.GO, bob).close();   // bob has an account now, and is offline
        try (FishChatTcpClient sender = login(Form.GO, alice)) {
            sender.send("SEND_MESSAGE_P2P", bob, "first", alice);
            sender.send("SEND_MESSAGE_P2P", bob, "second", alice);
            sleep(300);   // committed: the sender hears nothing, as in FishChat
        }
        String secondUuid;
        try (FishChatTcpClient go = login(Form.GO, bob)) {
            Frame first = go.next();
            Frame second = go.next();
            assertThat(first.args()).startsWith("first", alice);
            assertThat(second.args()).startsWith("second", alice);
            go.send("P2P_ACK", bob, first.args().get(2));
            secondUuid = second.args().get(2);
            assertThat(go.poll(QUIET)).as("not resent on the connection").isEmpty();
        }
        try (FishChatTcpClient android = login(Form.ANDROID, bob)) {
            Frame again = android.next();
            assertThat(again.args()).containsExactly("second", alice, secondUuid);
            assertThat(android.poll(QUIET)).isEmpty();
        }
    }

    @Test
    void topicsReachEveryMemberTheSenderAndABinaryProtocolMember() throws Exception {
        String topic = id("room");
        String alice = id("fc-alice");
        String bob = id("fc-bob");
        Api.User carol = api.newUser("fc-carol");   // a binary-protocol user, member through FishChat's JOIN_TOPIC
        try (FishChatTcpClient a = login(Form.GO, alice); FishChatTcpClient b = login(Form.ANDROID, bob)) {
            a.send("CREATE_TOPIC", topic);
            assertThat(a.poll(QUIET)).as("CREATE_TOPIC has no answer").isEmpty();
            b.send("JOIN_TOPIC", topic, bob);
            assertThat(b.next().args()).containsExactly("127.0.0.1:" + port(), topic);
            try (FishChatTcpClient c = login(Form.GO, carol.name())) {
                c.send("JOIN_TOPIC", topic, carol.name());
                assertThat(c.next().name()).isEqualTo("LOCATE_TOPIC_MSG_ADDR");
            }
            try (BinaryTcpClient binary = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_BINARY))) {
                assertThat(binary.login(carol.name(), Api.PASSWORD).code()).isEqualTo(ConnectCode.ACCEPTED.code());
                a.send("SEND_MESSAGE_TOPIC", topic, "hello room");
                assertThat(a.next().args()).as("the sender too").containsExactly(topic, "hello room", alice);
                assertThat(b.next().args()).containsExactly(topic, "hello room", alice);
                BinaryFrame.Push push = binary.next(BinaryFrame.Push.class, WAIT);
                assertThat(new String(push.payload(), StandardCharsets.UTF_8)).isEqualTo("hello room");
            }
        }
    }

    @Test
    void fishChatClientsAreListedByProtocol() throws Exception {
        String alice = id("fc-listed");
        try (FishChatTcpClient ignored = login(Form.ANDROID, alice)) {
            JsonObject listed = api.call("GET", "api/admin/connections?limit=10&q=" + alice, null, admin()).isStatus(200)
                    .json().getJsonArray("items").getJsonObject(0);
            assertThat(listed.getString("protocol")).isEqualTo("fishchat-tcp");
            assertThat(listed.getString("name")).isEqualTo(alice);
        }
    }

    // ------------------------------------------------------------------ bad input

    /** Each is dropped with one log line naming the connection; nothing is answered and the connection stays. */
    @Test
    void badCommandsAreDroppedWithOneLogLineAndNothingElseIsAffected() throws Exception {
        String bob = id("fc-bob");
        List<String> bodies = List.of(
                "not json",
                "{\"CmdName\":\"SEND_MESSAGE_P2P\"}",
                "{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":\"x\"}",
                "{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":[1,2,3]}",
                "{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":[\"" + bob + "\",\"hi\"]}",
                "{\"CmdName\":\"NO_SUCH_COMMAND\",\"Args\":[]}",
                "{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":[\"" + bob + "\",\"hi\",\"somebody-else\"]}",
                "{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":[\"" + id("nobody") + "\",\"hi\",\"%s\"]}",
                "");
        try (FishChatTcpClient receiver = login(Form.GO, bob)) {
            for (String body : bodies) {
                String sender = id("fc-bad");
                try (FishChatTcpClient client = login(Form.GO, sender)) {
                    client.sendFrame(String.format(body, sender).getBytes(StandardCharsets.UTF_8));
                    assertOneLogLine(client, "MSV1021");
                    assertThat(client.poll(QUIET)).as("nothing answered to %s", body).isEmpty();
                    client.send("SEND_MESSAGE_P2P", bob, "after " + body, sender);   // still open, still works
                    assertThat(receiver.next().args().get(0)).isEqualTo("after " + body);
                }
            }
        }
    }

    @Test
    void aCommandBeforeTheLoginIsDroppedAndTheLoginStillWorks() throws Exception {
        String alice = id("fc-early");
        try (FishChatTcpClient client = FishChatTcpClient.connect(port(), Form.ANDROID)) {
            client.send("SEND_MESSAGE_TOPIC", "room", "too early");
            assertOneLogLine(client, "before SEND_CLIENT_ID");
            client.send("SEND_CLIENT_ID", alice);
            awaitOnline(alice);
        }
    }

    @Test
    void anOversizedFrameClosesOnlyItsConnection() throws Exception {
        String bob = id("fc-bob");
        try (FishChatTcpClient receiver = login(Form.GO, bob); FishChatTcpClient big = login(Form.GO, id("fc-big"))) {
            big.sendRaw(new byte[]{0x00, 0x10, 0x00, 0x01});   // 1 MiB and a byte: over the listener's limit
            assertThat(big.awaitClosed(WAIT)).isTrue();
            assertOneLogLine(big, "the limit is " + MissiveServer.FISHCHAT_MAX_FRAME_BYTES);
            try (FishChatTcpClient other = login(Form.GO, id("fc-other"))) {
                receiver.send("SEND_PING", "PING");
                assertThat(receiver.poll(QUIET)).isEmpty();
                assertThat(other.poll(QUIET)).isEmpty();
            }
        }
    }

    @Test
    void bothListenersBindLoopbackByDefault() throws Exception {
        LoopbackOnly.assertListenerBindsLoopbackOnly(server, MissiveServer.TCP_FISHCHAT, port());
        LoopbackOnly.assertListenerBindsLoopbackOnly(server, MissiveServer.TCP_FISHCHAT_GATEWAY, gatewayPort());
    }

    // ------------------------------------------------------------------ the log

    private static Pattern peer(FishChatTcpClient client) {
        return Pattern.compile("fishchat connection tcp://127\\.0\\.0\\.1:" + client.localPort() + "(?![0-9])");
    }

    private long logLinesNaming(FishChatTcpClient client, String what) throws IOException {
        Pattern peer = peer(client);
        try (var lines = Files.lines(server.logFile())) {
            return lines.filter(line -> peer.matcher(line).find() && line.contains(what)).count();
        }
    }

    /** Fails unless the server logs exactly one line naming the client's peer and containing {@code what}. */
    private void assertOneLogLine(FishChatTcpClient client, String what) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (logLinesNaming(client, what) == 0 && System.nanoTime() < deadline) {
            sleep(100);   // the log reaches the file through Payara's output pump
        }
        sleep(300);   // a second line, if there were one, would come right after the first
        assertThat(logLinesNaming(client, what)).as("log lines naming port %d with %s", client.localPort(), what)
                .isEqualTo(1);
    }
}
