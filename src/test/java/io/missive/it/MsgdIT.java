package io.missive.it;

import io.missive.binary.BinaryFrame;
import io.missive.binary.ConnectCode;
import io.missive.core.model.MessageId;
import io.missive.it.client.BinaryTcpClient;
import io.missive.it.client.MsgdTcpClient;
import io.missive.it.client.MsgdTcpClient.Completion;
import io.missive.it.client.MsgdTcpClient.Delivery;
import io.missive.it.client.MsgdTcpClient.Reply;
import io.missive.msgd.MsgdBodies;
import io.missive.msgd.MsgdCipher;
import io.missive.msgd.MsgdCodec;
import io.missive.msgd.MsgdHeader;
import io.missive.msgd.MsgdType;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * msgd's client wire format (seed 000, {@code protocols/msgd.md}) over real sockets against the deployed
 * WAR, with a client that frames as msgd's C library does: joins with the four client types, p2p both
 * ways, group publishes reaching msgd and binary-protocol members, persist times, completions,
 * keepalive and liveness, every bad input of issue 13 with msgd's answer, its close and one log line,
 * and the listener's default bind address. The server runs with a liveness timeout of
 * {@link MissiveServer#MSGD_LIVENESS_TIMEOUT} and a join timeout of {@link MissiveServer#MSGD_JOIN_TIMEOUT}.
 */
class MsgdIT extends MissiveIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long a client that must get nothing is watched. */
    private static final Duration QUIET = Duration.ofSeconds(1);
    /** The unpersisted time to live ({@code missive.msgd.unpersisted-ttl}, default 2 s) and a margin. */
    private static final Duration PAST_UNPERSISTED_TTL = Duration.ofMillis(3_000);
    /** Tests that hold a client longer than the liveness timeout keep it alive as the library does. */
    private static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(1);

    private static final int NORMAL = MsgdType.NORMAL_JOIN;
    private static final int PUBLISHER = MsgdType.PUBLISHER_JOIN;
    private static final int SUBSCRIBER = MsgdType.SUBSCRIBER_JOIN;
    private static final int BOTH = MsgdType.BOTH_JOIN;

    private static final int OK = 10000;
    private static final int NOBODY_ONLINE = -3;
    private static final int DELIVERED = 0;

    // ------------------------------------------------------------------ helpers

    private int port() {
        return server.tcpPort(MissiveServer.TCP_MSGD);
    }

    private MsgdTcpClient connect() throws IOException {
        return MsgdTcpClient.connect(port());
    }

    /** A client joined with this type, group, user and key; fails unless the join is answered 10000. */
    private MsgdTcpClient joined(int joinType, String group, String user, String key) throws IOException {
        MsgdTcpClient client = connect();
        Reply reply = client.join(joinType, group, user, key);
        assertOk(reply, joinType, 0);
        return client;
    }

    /** An OK reply: trpc type 1, the request's header repeated with type + 1 and its seq, {errCode=10000}. */
    private static void assertOk(Reply reply, int requestType, int msgdSeq) {
        assertReply(reply, requestType, msgdSeq, OK);
    }

    private static void assertReply(Reply reply, int requestType, int msgdSeq, int code) {
        assertThat(reply.code()).as("errCode of %s", reply.frame()).isEqualTo(code);
        assertThat(reply.frame().trpcType()).isEqualTo(MsgdCodec.TRPC_REPLY);
        assertThat(reply.type()).as("reply type").isEqualTo(MsgdType.replyTo(requestType));
        assertThat(reply.frame().seq()).as("msgd seq echoed").isEqualTo(msgdSeq);
        assertThat(reply.frame().version()).isEqualTo(MsgdHeader.V200);
        assertThat(reply.frame().text()).isEqualTo("{errCode=" + code + "}");
    }

    private static void assertCompletion(Completion completion, int result, int msgId) {
        assertThat(completion.result()).as("completion of msgId %d", msgId).isEqualTo(result);
        assertThat(completion.msgId()).isEqualTo(msgId);
        assertThat(completion.frame().trpcType()).isEqualTo(MsgdCodec.TRPC_REQUEST);
        assertThat(completion.frame().type()).isEqualTo(MsgdType.COMPLETION);
        assertThat(completion.frame().text()).isEqualTo("{\"errCode\"=" + result + ",\"msgId\"=" + msgId + "}");
    }

    private static String name(String prefix) {
        return Api.unique(prefix);   // at most 31 bytes, as msgd's names
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private BinaryTcpClient binary(Api.User user) throws IOException {
        BinaryTcpClient client = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_BINARY));
        assertThat(client.login(user.name(), Api.PASSWORD).code()).isEqualTo(ConnectCode.ACCEPTED.code());
        return client;
    }

    /** The id of the group {@code name} among the groups of {@code uid}, from the REST API; fails if it is none of them. */
    private long groupOf(long uid, String name) {
        JsonObject list = api.call("GET", "api/users/" + uid + "/groups", null, Api.apiKey()).isStatus(200).json();
        for (JsonValue g : list.getJsonArray("groups")) {
            if (g.asJsonObject().getString("name").equals(name)) {
                return g.asJsonObject().getJsonNumber("id").longValue();
            }
        }
        throw new AssertionError("user " + uid + " is not in group " + name + ": " + list);
    }

    /** "msgd connection tcp://127.0.0.1:&lt;the client's port&gt;", not followed by another digit. */
    private static Pattern peer(MsgdTcpClient client) {
        return Pattern.compile("msgd connection tcp://127\\.0\\.0\\.1:" + client.localPort() + "(?![0-9])");
    }

    /** The lines of the server's log that name this client's connection as the peer. */
    private long logLinesNaming(MsgdTcpClient client) throws IOException {
        Pattern peer = peer(client);
        try (var lines = Files.lines(server.logFile())) {
            return lines.filter(line -> peer.matcher(line).find()).count();
        }
    }

    private String logLineNaming(MsgdTcpClient client) throws IOException {
        Pattern peer = peer(client);
        try (var lines = Files.lines(server.logFile())) {
            return lines.filter(line -> peer.matcher(line).find()).findFirst().orElseThrow();
        }
    }

    /** Fails unless the server logs exactly one line naming the client's peer, containing {@code what}. */
    private void assertOneLogLine(MsgdTcpClient client, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (logLinesNaming(client) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);   // the log reaches the file through Payara's output pump
        }
        Thread.sleep(300);   // a second line, if there were one, would come right after the first
        assertThat(logLinesNaming(client)).as("log lines naming port %d", client.localPort()).isEqualTo(1);
        assertThat(logLineNaming(client)).contains(what);
    }

    /** Fails unless the server answers {@code code} to the request, closes, and logs one line with the peer. */
    private void assertRefusedAndClosed(MsgdTcpClient client, int trpcSeq, int requestType, int msgdSeq, int code,
                                        String logged) throws Exception {
        assertReply(client.reply(trpcSeq, WAIT), requestType, msgdSeq, code);
        assertThat(client.awaitClosed(WAIT)).as("closed after %d", code).isTrue();
        assertThat(client.pollPush(Duration.ZERO)).isEmpty();
        assertOneLogLine(client, logged);
    }

    /** Fails unless the server closes without any reply, and logs one line with the peer. */
    private void assertClosedWithoutReply(MsgdTcpClient client, String logged) throws Exception {
        assertThat(client.awaitClosed(WAIT)).as("closed").isTrue();
        assertThat(client.pollReply(Duration.ZERO)).as("no reply").isEmpty();
        assertThat(client.pollPush(Duration.ZERO)).isEmpty();
        assertOneLogLine(client, logged);
    }

    /** A raw trpc header: sync, type 0, padding, seq, this length (little-endian). */
    private static byte[] trpcHeader(int seq, int length) {
        return ByteBuffer.allocate(MsgdCodec.TRPC_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .put(MsgdCodec.SYNC_1).put(MsgdCodec.SYNC_2).put((byte) 0).putShort((short) 0).putInt(seq)
                .putInt(length).array();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }

    /** A join frame as the library writes it, for tests that send it in pieces or after garbage. */
    private static byte[] joinFrame(int trpcSeq, int joinType, String group, String user, String key) {
        byte[] data = MsgdCipher.encode(MsgdCipher.JOIN_KEY, MsgdBodies.joinBody(group, user, utf8(key)));
        return bytes(MsgdCodec.request(trpcSeq, new MsgdHeader(MsgdHeader.V200, joinType, 0, data.length), data));
    }

    // ------------------------------------------------------------------ messages

    @Test
    void twoBothClientsExchangeP2pBothWays() throws Exception {
        String group = name("grp");
        String a = name("a");
        String b = name("b");
        try (MsgdTcpClient alice = joined(BOTH, group, a, "alice's key");
             MsgdTcpClient bob = joined(BOTH, group, b, "test")) {
            assertOk(alice.p2p(group, b, 0, "hello", 123), MsgdType.P2P, 123);
            Delivery atBob = bob.nextDelivery(WAIT);
            assertThat(atBob.text()).isEqualTo("hello");
            // the spec's worked example: "hello" enciphered with the recipient's key "test"
            assertThat(HexFormat.of().formatHex(atBob.frame().data())).isEqualTo("9c8ba1a3a3");
            assertThat(atBob.frame().trpcType()).isEqualTo(MsgdCodec.TRPC_REQUEST);
            assertThat(atBob.frame().type()).isEqualTo(MsgdType.DELIVERY);
            assertThat(atBob.frame().version()).isEqualTo(MsgdHeader.V200);
            assertThat(atBob.frame().trpcSeq()).as("the server's first push to bob").isEqualTo(1);
            Completion done = alice.nextCompletion(WAIT);
            assertCompletion(done, DELIVERED, 123);
            assertThat(done.frame().trpcSeq()).as("the server's first push to alice").isEqualTo(1);

            String back = "back to you, with commas, {braces} and ünïcode";
            assertOk(bob.p2p(group, a, 0, back, 7), MsgdType.P2P, 7);
            Delivery atAlice = alice.nextDelivery(WAIT);
            assertThat(atAlice.text()).isEqualTo(back);
            assertThat(atAlice.frame().data()).isEqualTo(MsgdCipher.encode(utf8("alice's key"), utf8(back)));
            assertThat(atAlice.frame().trpcSeq()).as("the server's second push to alice").isEqualTo(2);
            assertCompletion(bob.nextCompletion(WAIT), DELIVERED, 7);

            assertThat(alice.pollPush(QUIET)).as("alice gets nothing more").isEmpty();
            assertThat(bob.pollPush(Duration.ZERO)).as("bob gets nothing more").isEmpty();
        }
    }

    @Test
    void aGroupPublishReachesEveryMemberOnlineOverMsgdAndTheBinaryProtocol() throws Exception {
        Api.User binaryUser = api.newUser("bin");
        String group = name("grp");
        // a msgd user is the Missive account of that name: this join makes the binary user a member of the group
        try (MsgdTcpClient asBinaryUser = joined(SUBSCRIBER, group, binaryUser.name(), "k1");
             MsgdTcpClient both = joined(BOTH, group, name("m"), "k2");
             MsgdTcpClient publisher = joined(PUBLISHER, group, name("pub"), "kp");
             BinaryTcpClient overBinary = binary(binaryUser)) {
            long groupId = groupOf(binaryUser.uid(), group);

            assertOk(publisher.publish(group, 0, "to everyone", 55), MsgdType.PUBLISH, 55);
            assertThat(asBinaryUser.nextDelivery(WAIT).text()).isEqualTo("to everyone");
            assertThat(both.nextDelivery(WAIT).text()).isEqualTo("to everyone");
            BinaryFrame.Push push = overBinary.next(BinaryFrame.Push.class, WAIT);
            assertThat(push.payload()).isEqualTo(utf8("to everyone"));
            overBinary.send(new BinaryFrame.PubAck(push.msgId()));
            assertCompletion(publisher.nextCompletion(WAIT), DELIVERED, 55);
            assertThat(publisher.pollPush(QUIET)).as("a PUBLISHER receives nothing").isEmpty();

            // the other way: the binary member publishes to the msgd group by its id
            MessageId id = MessageId.random();
            overBinary.send(new BinaryFrame.GroupPublish(groupId, id, utf8("from the binary protocol")));
            assertThat(overBinary.next(BinaryFrame.GroupPubAck.class, WAIT).msgId()).isEqualTo(id);
            assertThat(both.nextDelivery(WAIT).text()).isEqualTo("from the binary protocol");
            assertThat(publisher.pollPush(QUIET)).as("a PUBLISHER receives nothing").isEmpty();
        }
    }

    @Test
    void aBinaryUserAndAMsgdUserReachEachOther() throws Exception {
        Api.User msgdUser = api.newUser("md");
        Api.User binaryUser = api.newUser("bin");
        String group = name("grp");
        try (MsgdTcpClient device = joined(BOTH, group, msgdUser.name(), "secret");
             BinaryTcpClient overBinary = binary(binaryUser)) {
            MessageId id = MessageId.random();
            overBinary.send(new BinaryFrame.Publish(msgdUser.uid(), id, utf8("from binary")));
            assertThat(overBinary.next(BinaryFrame.PubAck.class, WAIT).msgId()).isEqualTo(id);
            Delivery delivery = device.nextDelivery(WAIT);
            assertThat(delivery.text()).isEqualTo("from binary");
            assertThat(delivery.frame().data()).isEqualTo(MsgdCipher.encode(utf8("secret"), utf8("from binary")));

            // to (group, binary user's name): the binary user's account, made a member of the group
            assertOk(device.p2p(group, binaryUser.name(), 0, "from msgd", 9), MsgdType.P2P, 9);
            BinaryFrame.Push push = overBinary.next(BinaryFrame.Push.class, WAIT);
            assertThat(push.payload()).isEqualTo(utf8("from msgd"));
            overBinary.send(new BinaryFrame.PubAck(push.msgId()));
            assertCompletion(device.nextCompletion(WAIT), DELIVERED, 9);
            groupOf(binaryUser.uid(), group);
        }
    }

    @Test
    void aNormalClientReceivesNothing() throws Exception {
        String group = name("grp");
        String normalUser = name("n");
        try (MsgdTcpClient normal = joined(NORMAL, group, normalUser, "kn");
             MsgdTcpClient subscriber = joined(SUBSCRIBER, group, name("s"), "ks");
             MsgdTcpClient publisher = joined(PUBLISHER, group, name("p"), "kp")) {
            assertOk(publisher.p2p(group, normalUser, 0, "for the normal client", 1), MsgdType.P2P, 1);
            assertCompletion(publisher.nextCompletion(WAIT), NOBODY_ONLINE, 1);
            assertOk(publisher.publish(group, 0, "for the group", 2), MsgdType.PUBLISH, 2);
            assertThat(subscriber.nextDelivery(WAIT).text()).isEqualTo("for the group");
            assertCompletion(publisher.nextCompletion(WAIT), DELIVERED, 2);
            assertThat(normal.pollPush(QUIET)).as("NORMAL never receives").isEmpty();
            assertOk(normal.keepalive("still here", 1), MsgdType.KEEPALIVE, 1);
        }
    }

    @Test
    void aPersistedMessageReachesAClientThatJoinsLaterAnUnpersistedOneDoesNot() throws Exception {
        String group = name("grp");
        String late = name("late");
        try (MsgdTcpClient sender = joined(BOTH, group, name("snd"), "ks")) {
            assertOk(sender.p2p(group, late, 0, "gone", 1), MsgdType.P2P, 1);
            assertCompletion(sender.nextCompletion(WAIT), NOBODY_ONLINE, 1);
            assertOk(sender.p2p(group, late, 30, "kept", 2), MsgdType.P2P, 2);
            assertCompletion(sender.nextCompletion(WAIT), NOBODY_ONLINE, 2);
            assertOk(sender.publish(group, 0, "gone for the group", 3), MsgdType.PUBLISH, 3);
            assertCompletion(sender.nextCompletion(WAIT), NOBODY_ONLINE, 3);
            assertOk(sender.publish(group, 30, "kept for the group", 4), MsgdType.PUBLISH, 4);
            assertCompletion(sender.nextCompletion(WAIT), NOBODY_ONLINE, 4);
        }
        Thread.sleep(PAST_UNPERSISTED_TTL.toMillis());
        try (MsgdTcpClient later = joined(SUBSCRIBER, group, late, "kl")) {
            List<String> got = new ArrayList<>();
            got.add(later.nextDelivery(WAIT).text());
            got.add(later.nextDelivery(WAIT).text());
            assertThat(got).containsExactly("kept", "kept for the group");
            assertThat(later.pollPush(QUIET)).as("nothing sent with persist 0").isEmpty();
        }
        // at most once: written to the socket counts as delivered
        try (MsgdTcpClient again = joined(SUBSCRIBER, group, late, "kl")) {
            assertThat(again.pollPush(QUIET)).isEmpty();
        }
    }

    @Test
    void theCompletionIsMinus3WhenNobodyIsOnline() throws Exception {
        String group = name("grp");
        try (MsgdTcpClient sender = joined(PUBLISHER, group, name("snd"), "ks")) {
            assertOk(sender.p2p(group, name("offline"), 0, "anyone?", 41), MsgdType.P2P, 41);
            assertCompletion(sender.nextCompletion(WAIT), NOBODY_ONLINE, 41);
            assertOk(sender.publish(name("empty"), 0, "anyone at all?", 42), MsgdType.PUBLISH, 42);
            assertCompletion(sender.nextCompletion(WAIT), NOBODY_ONLINE, 42);
            try (MsgdTcpClient someone = joined(SUBSCRIBER, group, name("someone"), "k")) {
                assertOk(sender.publish(group, 0, "now someone", 43), MsgdType.PUBLISH, 43);
                assertThat(someone.nextDelivery(WAIT).text()).isEqualTo("now someone");
                assertCompletion(sender.nextCompletion(WAIT), DELIVERED, 43);
            }
        }
    }

    // ------------------------------------------------------------------ keepalive and timeouts

    @Test
    void keepaliveIsAnsweredAndASilentClientIsClosed() throws Exception {
        String group = name("grp");
        try (MsgdTcpClient alive = joined(BOTH, group, name("alive"), "ka");
             MsgdTcpClient silent = joined(BOTH, group, name("silent"), "ks")) {
            long joinedAt = System.nanoTime();
            assertOk(alive.keepalive("I am alive", 1), MsgdType.KEEPALIVE, 1);
            // a client that set no alive message sends the header alone
            int seq = alive.send(MsgdType.KEEPALIVE, 2, new byte[0]);
            assertOk(alive.reply(seq, WAIT), MsgdType.KEEPALIVE, 2);
            alive.keepAliveEvery(KEEPALIVE_INTERVAL);

            Duration liveness = MissiveServer.MSGD_LIVENESS_TIMEOUT;
            assertThat(silent.awaitClosed(liveness.plus(WAIT))).as("the silent client is closed").isTrue();
            Duration after = Duration.ofNanos(System.nanoTime() - joinedAt);
            assertThat(after).as("closed for its silence").isGreaterThanOrEqualTo(liveness.minusMillis(500));
            assertThat(silent.pollReply(Duration.ZERO)).isEmpty();
            assertOneLogLine(silent, "silent for more than " + liveness.toMillis() + " ms");

            assertThat(alive.isClosed()).as("the client that keeps alive").isFalse();
            assertThat(alive.backgroundKeepalivesAnswered()).isGreaterThanOrEqualTo(3);
            assertOk(alive.keepalive("still", 3), MsgdType.KEEPALIVE, 3);
        }
    }

    @Test
    void aConnectionThatNeverJoinsIsClosed() throws Exception {
        try (MsgdTcpClient idle = connect()) {
            long start = System.nanoTime();
            assertThat(idle.awaitClosed(MissiveServer.MSGD_JOIN_TIMEOUT.plus(WAIT))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(MissiveServer.MSGD_JOIN_TIMEOUT.minusMillis(500));
            assertOneLogLine(idle, "no join within " + MissiveServer.MSGD_JOIN_TIMEOUT.toMillis() + " ms");
        }
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void garbageBeforeAndBetweenFramesIsSkipped() throws Exception {
        String group = name("grp");
        String user = name("g");
        String bystanderUser = name("by");
        try (MsgdTcpClient bystander = joined(BOTH, group, bystanderUser, "kb");
             MsgdTcpClient client = connect()) {
            // garbage, a lone F7, then F7 F7 F8: a repeated F7 stays in sync state
            byte[] join = joinFrame(client.nextTrpcSeq(), BOTH, group, user, "kg");
            client.sendRaw(concat(utf8("GET / HTTP/1.1\r\n\r\n"), new byte[]{(byte) 0xF7, 0x00, (byte) 0xF7}, join));
            client.useKey("kg");
            assertOk(client.reply(1, WAIT), BOTH, 0);
            client.sendRaw(new byte[]{0x01, 0x02, (byte) 0xF8, (byte) 0xF7});
            assertOk(client.keepalive("after garbage", 1), MsgdType.KEEPALIVE, 1);
            // a frame cut into pieces
            int seq = client.nextTrpcSeq();
            byte[] body = client.encipher(MsgdBodies.p2pBody(group, bystanderUser, 0, utf8("in pieces")));
            byte[] frame = bytes(MsgdCodec.request(seq, new MsgdHeader(MsgdHeader.V200, MsgdType.P2P, 5, body.length), body));
            for (int i = 0; i < frame.length; i += 7) {
                client.sendRaw(Arrays.copyOfRange(frame, i, Math.min(frame.length, i + 7)));
                Thread.sleep(5);
            }
            assertOk(client.reply(seq, WAIT), MsgdType.P2P, 5);
            assertThat(bystander.nextDelivery(WAIT).text()).isEqualTo("in pieces");
            assertCompletion(client.nextCompletion(WAIT), DELIVERED, 5);
            assertThat(client.isClosed()).isFalse();
            assertThat(logLinesNaming(client)).as("skipped garbage is not logged").isZero();
        }
    }

    @Test
    void everyBadInputGetsMsgdsAnswerClosesAndIsLoggedOnceWhileAnotherConnectionIsUnaffected() throws Exception {
        String group = name("grp");
        String bystanderUser = name("by");
        try (MsgdTcpClient bystander = joined(BOTH, group, bystanderUser, "kb")) {
            bystander.keepAliveEvery(KEEPALIVE_INTERVAL);

            // more garbage than the decoder skips: closed, never hangs
            try (MsgdTcpClient c = connect()) {
                c.sendRaw(new byte[70_000]);
                assertClosedWithoutReply(c, "bytes without a trpc sync (F7 F8)");
            }
            // trpc length 0, and over 40959
            try (MsgdTcpClient c = connect()) {
                c.sendRaw(trpcHeader(1, 0));
                assertClosedWithoutReply(c, "trpc length 0 is not 1..40959");
            }
            try (MsgdTcpClient c = connect()) {
                c.sendRaw(trpcHeader(1, 40_960));
                assertClosedWithoutReply(c, "trpc length 40960 is not 1..40959");
            }
            // a short frame: a payload shorter than the msgd header
            try (MsgdTcpClient c = connect()) {
                c.sendRaw(concat(trpcHeader(1, 10), utf8("TSRQV200..")));
                assertClosedWithoutReply(c, "trpc length 10 is shorter than the 20-byte msgd header");
            }
            // a frame cut short, then silence: the join timeout closes it
            try (MsgdTcpClient c = connect()) {
                byte[] join = joinFrame(1, BOTH, group, name("cut"), "k");
                c.sendRaw(Arrays.copyOf(join, join.length - 5));
                assertThat(c.awaitClosed(MissiveServer.MSGD_JOIN_TIMEOUT.plus(WAIT))).isTrue();
                assertThat(c.pollReply(Duration.ZERO)).isEmpty();
                assertOneLogLine(c, "no join within");
            }
            // a bad magic: dropped without a reply, logged once; the connection stays, in sync
            try (MsgdTcpClient c = connect()) {
                byte[] badMagic = bytes(MsgdCodec.request(1, new MsgdHeader(MsgdHeader.V200, BOTH, 0, 3), utf8("abc")));
                badMagic[MsgdCodec.TRPC_HEADER_BYTES] = 'X';
                c.sendRaw(badMagic);
                c.nextTrpcSeq();
                badMagic[5] = 2;   // trpc seq 2
                c.sendRaw(badMagic);
                c.nextTrpcSeq();
                assertThat(c.pollReply(QUIET)).as("no reply to a bad magic").isEmpty();
                assertThat(c.isClosed()).isFalse();
                assertOk(c.join(BOTH, group, name("magic"), "km"), BOTH, 0);
                assertOneLogLine(c, "without the TSRQ magic");
            }
            // a version below V200
            try (MsgdTcpClient c = connect()) {
                byte[] data = MsgdCipher.encode(MsgdCipher.JOIN_KEY, MsgdBodies.joinBody(group, name("old"), utf8("k")));
                int seq = c.send(new MsgdHeader("V199", BOTH, 0, data.length), data);
                Reply reply = c.reply(seq, WAIT);
                assertThat(reply.frame().version()).as("the request's version repeated").isEqualTo("V199");
                assertThat(reply.code()).isEqualTo(11002);
                assertThat(reply.type()).isEqualTo(MsgdType.replyTo(BOTH));
                assertClosedWithoutReply(c, "(11002)");
            }
            // joins with an empty name, an over-long one, and a body without braces
            for (byte[] plain : List.of(MsgdBodies.joinBody(group, "", utf8("k")),
                    MsgdBodies.joinBody("g".repeat(32), name("long"), utf8("k")),
                    utf8("group=" + group + ",user=nobraces,encrypt=k"))) {
                try (MsgdTcpClient c = connect()) {
                    int seq = c.send(SUBSCRIBER, 0, MsgdCipher.encode(MsgdCipher.JOIN_KEY, plain));
                    assertRefusedAndClosed(c, seq, SUBSCRIBER, 0, 11003, "(11003)");
                }
            }
            // a keepalive before the join
            try (MsgdTcpClient c = connect()) {
                c.useKey("k");
                int seq = c.send(MsgdType.KEEPALIVE, 1, c.encipher(utf8("alive")));
                assertRefusedAndClosed(c, seq, MsgdType.KEEPALIVE, 1, 11004, "keepalive before join (11004)");
            }
            // a publish or a p2p before the join: closed without a reply
            try (MsgdTcpClient c = connect()) {
                c.useKey("k");
                c.send(MsgdType.PUBLISH, 1, c.encipher(MsgdBodies.publishBody(group, 0, utf8("early"))));
                assertClosedWithoutReply(c, "a message before join");
            }
            try (MsgdTcpClient c = connect()) {
                c.useKey("k");
                c.send(MsgdType.P2P, 1, c.encipher(MsgdBodies.p2pBody(group, bystanderUser, 0, utf8("early"))));
                assertClosedWithoutReply(c, "a message before join");
            }
            // a publish (and a p2p) from a SUBSCRIBER
            try (MsgdTcpClient c = joined(SUBSCRIBER, group, name("sub"), "k")) {
                int seq = c.send(MsgdType.PUBLISH, 8, c.encipher(MsgdBodies.publishBody(group, 0, utf8("may I?"))));
                assertRefusedAndClosed(c, seq, MsgdType.PUBLISH, 8, 11006, "(11006)");
            }
            try (MsgdTcpClient c = joined(SUBSCRIBER, group, name("sub"), "k")) {
                int seq = c.send(MsgdType.P2P, 9, c.encipher(MsgdBodies.p2pBody(group, bystanderUser, 0, utf8("may I?"))));
                assertRefusedAndClosed(c, seq, MsgdType.P2P, 9, 11006, "(11006)");
            }
            // bodies without braces or commas
            for (byte[] plain : List.of(utf8("{" + group + "}"), utf8(group + ",0,no braces"),
                    utf8("{" + group + "," + bystanderUser + "}"))) {
                try (MsgdTcpClient c = joined(BOTH, group, name("bad"), "k")) {
                    int seq = c.send(MsgdType.P2P, 10, c.encipher(plain));
                    assertRefusedAndClosed(c, seq, MsgdType.P2P, 10, 11005, "(11005)");
                }
            }
            try (MsgdTcpClient c = joined(PUBLISHER, group, name("bad"), "k")) {
                int seq = c.send(MsgdType.PUBLISH, 11, c.encipher(utf8(group + " no braces no commas")));
                assertRefusedAndClosed(c, seq, MsgdType.PUBLISH, 11, 11005, "(11005)");
            }
            // a message of 1024 bytes is fine, of 1025 not
            byte[] largest = new byte[MsgdBodies.MAX_MESSAGE_BYTES];
            Arrays.fill(largest, (byte) 'x');
            try (MsgdTcpClient c = joined(BOTH, group, name("big"), "k")) {
                assertOk(c.p2p(group, bystanderUser, 0, largest, 12), MsgdType.P2P, 12);
                assertThat(bystander.nextDelivery(WAIT).message()).isEqualTo(largest);
                assertCompletion(c.nextCompletion(WAIT), DELIVERED, 12);
                byte[] over = Arrays.copyOf(largest, largest.length + 1);
                over[over.length - 1] = 'y';
                int seq = c.send(MsgdType.P2P, 13, c.encipher(MsgdBodies.p2pBody(group, bystanderUser, 0, over)));
                assertRefusedAndClosed(c, seq, MsgdType.P2P, 13, 11005, "message is 1025 bytes, not 1..1024 (11005)");
            }
            // an unknown type: 11001, the type repeated as it came
            try (MsgdTcpClient c = joined(BOTH, group, name("unk"), "k")) {
                int seq = c.send(0x200, 14, new byte[]{1});
                Reply reply = c.reply(seq, WAIT);
                assertThat(reply.code()).isEqualTo(11001);
                assertThat(reply.type()).isEqualTo(0x200);
                assertThat(reply.frame().seq()).isEqualTo(14);
                assertClosedWithoutReply(c, "(11001)");
            }

            // the bystander saw none of it, and is served as before
            assertThat(bystander.pollPush(Duration.ZERO)).isEmpty();
            assertThat(bystander.isClosed()).isFalse();
            assertOk(bystander.keepalive("fine", 1), MsgdType.KEEPALIVE, 1);
            try (MsgdTcpClient sender = joined(PUBLISHER, group, name("after"), "k")) {
                assertOk(sender.p2p(group, bystanderUser, 0, "still served", 15), MsgdType.P2P, 15);
                assertThat(bystander.nextDelivery(WAIT).text()).isEqualTo("still served");
                assertCompletion(sender.nextCompletion(WAIT), DELIVERED, 15);
            }
        }
    }

    // ------------------------------------------------------------------ the listener

    @Test
    void theListenerBindsLoopbackByDefault() throws Exception {
        try (MsgdTcpClient loopback = joined(NORMAL, name("grp"), name("lo"), "k")) {
            assertThat(loopback.isClosed()).isFalse();
        }
        LoopbackOnly.assertListenerBindsLoopbackOnly(server, MissiveServer.TCP_MSGD, port());
    }
}
