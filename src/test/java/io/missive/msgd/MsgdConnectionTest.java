package io.missive.msgd;

import io.missive.core.CoreFixture;
import io.missive.core.InMemoryNames;
import io.missive.core.OpenResult;
import io.missive.core.Publication;
import io.missive.core.PublishCallback;
import io.missive.core.RecordingPublishCallback;
import io.missive.core.connection.ClientType;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.LiveConnection;
import io.missive.core.connection.Peer;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.session.ClientSession;
import io.missive.core.session.CloseReason;
import io.missive.core.session.EventLoop;
import io.missive.core.session.SessionOutbound;
import io.missive.core.store.NamedMembers;
import io.missive.protocol.LogCapture;
import io.missive.protocol.ConnectionLifecycle;
import io.missive.protocol.RecordingSink;
import io.missive.transport.CloseKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import static io.missive.msgd.MsgdDecoderRun.array;
import static io.missive.msgd.MsgdFrameDecoderTest.msgd;
import static io.missive.msgd.MsgdFrameDecoderTest.trpc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of one msgd connection ({@code protocols/msgd.md}, decisions.md section msgd), on the
 * core's in-memory fixture and manual clock. Requests are built with the codec's client helpers and
 * run as real bytes through {@link MsgdFrameDecoder} ({@link MsgdDecoderRun}); what the connection
 * sends is read back with {@link Frame}. Users 1 to 9 are "user1".."user9"; the group "auto" (id
 * {@value #AUTO}) holds users 1 to 5.
 */
class MsgdConnectionTest {

    static final long JOIN_TIMEOUT = 10_000;
    static final long LIVENESS = 60_000;
    static final long UNPERSISTED_TTL = 2_000;
    static final long AUTO = 100;
    static final int[] JOIN_TYPES = {MsgdType.NORMAL_JOIN, MsgdType.PUBLISHER_JOIN, MsgdType.SUBSCRIBER_JOIN,
            MsgdType.BOTH_JOIN};

    final CoreFixture fixture = new CoreFixture();
    final InMemoryNames names = new InMemoryNames(fixture);
    final LogCapture log = new LogCapture(ConnectionLifecycle.class);
    final LogCapture msgdLog = new LogCapture(MsgdConnection.class);
    boolean createUnknown = true;

    @BeforeEach
    void auto() {
        names.group("auto", AUTO, 1, 2, 3, 4, 5);
    }

    @AfterEach
    void stopCapture() {
        log.close();
        msgdLog.close();
    }

    // ------------------------------------------------------------------ fixtures

    /** One frame the connection sent, read field by field (every integer little-endian). */
    record Frame(int trpcType, int trpcSeq, String version, int type, int seq, byte[] data) {

        static Frame of(ByteBuffer sent) {
            ByteBuffer in = sent.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            assertThat(in.get()).as("sync 1").isEqualTo(MsgdCodec.SYNC_1);
            assertThat(in.get()).as("sync 2").isEqualTo(MsgdCodec.SYNC_2);
            int trpcType = in.get() & 0xFF;
            assertThat(in.getShort()).as("padding").isZero();
            int trpcSeq = in.getInt();
            assertThat(in.getInt()).as("trpc length").isEqualTo(in.remaining());
            assertThat(in.getInt()).as("magic").isEqualTo(MsgdCodec.MAGIC);
            byte[] version = new byte[4];
            in.get(version);
            int type = in.getInt();
            int seq = in.getInt();
            assertThat(in.getInt()).as("msgd length").isEqualTo(in.remaining());
            byte[] data = new byte[in.remaining()];
            in.get(data);
            return new Frame(trpcType, trpcSeq, new String(version, StandardCharsets.ISO_8859_1), type, seq, data);
        }

        /** The data as ASCII, for the plain reply and completion bodies. */
        String plain() {
            return new String(data, StandardCharsets.US_ASCII);
        }

        /** Checks a reply: trpc type 1 with the request's seq, the request's msgd seq, {@code {errCode=code}}. */
        Frame isReply(int trpcSeq, int type, int msgdSeq, MsgdCode code) {
            assertThat(trpcType).as("trpc type").isEqualTo(MsgdCodec.TRPC_REPLY);
            assertThat(this.trpcSeq).as("trpc seq").isEqualTo(trpcSeq);
            assertThat(this.type).as("msgd type").isEqualTo(type);
            assertThat(seq).as("msgd seq").isEqualTo(msgdSeq);
            assertThat(version).isEqualTo("V200");
            assertThat(plain()).isEqualTo("{errCode=" + code.code() + "}");
            return this;
        }

        /** Checks a completion 0x10E {@code {"errCode"=result,"msgId"=msgId}}, a push (trpc type 0). */
        Frame isCompletion(int result, int msgId) {
            assertThat(trpcType).as("trpc type").isEqualTo(MsgdCodec.TRPC_REQUEST);
            assertThat(type).as("msgd type").isEqualTo(MsgdType.COMPLETION);
            assertThat(seq).as("msgd seq").isEqualTo(msgId);
            assertThat(plain()).isEqualTo("{\"errCode\"=" + result + ",\"msgId\"=" + msgId + "}");
            return this;
        }
    }

    /** One msgd client's side of a connection. */
    final class Client {
        final RecordingSink<ByteBuffer> sink = new RecordingSink<>();
        final MsgdConnection connection;
        byte[] key;
        private int trpcSeq;
        private int read;

        Client() {
            this(null);
        }

        /** A client whose transport offers {@code loop} as its event loop (null: none, as the container's WebSocket). */
        Client(EventLoop loop) {
            sink.loop = loop;
            connection = new MsgdConnection(fixture.core, new MsgdSettings(JOIN_TIMEOUT, LIVENESS, createUnknown,
                    UNPERSISTED_TTL), names, sink, "test");
        }

        /** Hands bytes to the connection as the frame decoder reads them. */
        void bytes(byte[] stream) {
            MsgdDecoderRun.whole(stream).forEach(connection::onMessage);
        }

        /** Sends a request with the next trpc seq; answers that seq. */
        int request(String version, int type, int msgdSeq, byte[] data) {
            int seq = ++trpcSeq;
            bytes(array(MsgdCodec.request(seq, new MsgdHeader(version, type, msgdSeq, data.length), data)));
            return seq;
        }

        int request(int type, int msgdSeq, byte[] data) {
            return request(MsgdHeader.V200, type, msgdSeq, data);
        }

        int join(int type, String group, String user, String key) {
            this.key = key.getBytes(StandardCharsets.US_ASCII);
            return request(type, 0, MsgdCipher.encode(MsgdCipher.JOIN_KEY, MsgdBodies.joinBody(group, user, this.key)));
        }

        /** Joins "auto" as {@code user} with the key "key-&lt;user&gt;"; checks the reply 10000. */
        Client joined(int type, String user) {
            int seq = join(type, "auto", user, "key-" + user);
            List<Frame> news = received();
            assertThat(news).isNotEmpty();
            news.get(0).isReply(seq, type + 1, 0, MsgdCode.OK);
            read -= news.size() - 1;   // what came after the reply (pending deliveries) is for the test to read
            assertThat(sink.closed()).isFalse();
            return this;
        }

        int p2p(int msgId, String group, String user, int persist, String text) {
            return request(MsgdType.P2P, msgId, MsgdCipher.encode(key,
                    MsgdBodies.p2pBody(group, user, persist, text.getBytes(StandardCharsets.UTF_8))));
        }

        int publish(int msgId, String group, int persist, String text) {
            return request(MsgdType.PUBLISH, msgId, MsgdCipher.encode(key,
                    MsgdBodies.publishBody(group, persist, text.getBytes(StandardCharsets.UTF_8))));
        }

        int keepalive(int seq) {
            return request(MsgdType.KEEPALIVE, seq, MsgdCipher.encode(key, "alive".getBytes(StandardCharsets.US_ASCII)));
        }

        List<Frame> frames() {
            return sink.sent.stream().map(Frame::of).toList();
        }

        /** What the connection sent since the last call. */
        List<Frame> received() {
            List<Frame> all = frames();
            List<Frame> news = List.copyOf(all.subList(read, all.size()));
            read = all.size();
            return news;
        }

        /** The one frame sent since the last call. */
        Frame single() {
            List<Frame> news = received();
            assertThat(news).hasSize(1);
            return news.get(0);
        }

        /** The deliveries since the last call (pushes 0x10C), deciphered with this client's key; nothing else came. */
        List<String> deliveries() {
            List<String> texts = new ArrayList<>();
            for (Frame f : received()) {
                assertThat(f.trpcType()).as("trpc type").isEqualTo(MsgdCodec.TRPC_REQUEST);
                assertThat(f.type()).as("msgd type").isEqualTo(MsgdType.DELIVERY);
                texts.add(new String(MsgdCipher.decode(key, f.data()), StandardCharsets.UTF_8));
            }
            return texts;
        }

        /** Checks a close with {@code kind} and that nothing was sent since the last call. */
        void isClosed(CloseKind kind) {
            assertThat(sink.closedWith).isEqualTo(kind);
            assertThat(received()).isEmpty();
        }
    }

    Client joined(int type, String user) {
        return new Client().joined(type, user);
    }

    /** The refused frame's reply, then the close {@code PROTOCOL_ERROR} with one log line. */
    static void refusedAndClosed(Client c, int trpcSeq, int replyType, int msgdSeq, MsgdCode code) {
        c.single().isReply(trpcSeq, replyType, msgdSeq, code);
        assertThat(c.sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
    }

    Optional<LiveConnection> connectionOf(long uid) {
        return fixture.core.connections().all().stream().filter(c -> c.uid() == uid).findFirst();
    }

    // ------------------------------------------------------------------ join

    @Nested
    @DisplayName("join: msgd.md 'Message types', 'Reply codes', 'Bodies and the cipher'; decisions.md msgd")
    class Join {

        @Test
        @DisplayName("each join type is answered {errCode=10000} with the header type+1, the request's trpc seq and msgd seq 0")
        void eachJoinTypeIsAnsweredOk() {
            for (int type : JOIN_TYPES) {
                Client d = new Client();
                d.trpcSeq = 41;   // so that the reply's seq is the request's, not 1 by chance
                int seq = d.join(type, "auto", "user1", "test");
                assertThat(seq).isEqualTo(42);
                d.single().isReply(42, type + 1, 0, MsgdCode.OK);
                assertThat(d.sink.closed()).as(MsgdType.name(type)).isFalse();
            }
        }

        @Test
        @DisplayName("decisions.md 'Client types as msgd's': the join type is the connection's client type in core.connections()")
        void theJoinDeclaresTheClientType() {
            ClientType[] expected = {ClientType.NORMAL, ClientType.PUBLISHER, ClientType.SUBSCRIBER, ClientType.BOTH};
            for (int i = 0; i < JOIN_TYPES.length; i++) {
                joined(JOIN_TYPES[i], "user" + (i + 1));
                assertThat(connectionOf(i + 1)).get().extracting(LiveConnection::clientType).isEqualTo(expected[i]);
                assertThat(connectionOf(i + 1).get().peer().protocol()).isEqualTo(MsgdConnection.PROTOCOL);
            }
            assertThat(fixture.core.connections().count()).isEqualTo(4);
        }

        @Test
        @DisplayName("no join within the join timeout: closed POLICY, nothing sent; a join in time ends the deadline")
        void joinDeadline() {
            Client late = new Client();
            fixture.tick(JOIN_TIMEOUT - 1);
            Client inTime = new Client();
            assertThat(late.sink.closed()).isFalse();
            fixture.tick(1);
            late.isClosed(CloseKind.POLICY);
            assertThat(late.sink.closeReason).contains("no join within");
            inTime.joined(MsgdType.BOTH_JOIN, "user1");
            fixture.tick(JOIN_TIMEOUT);
            assertThat(inTime.sink.closed()).isFalse();
        }

        @Test
        @DisplayName("msgd.md 'Reply codes' 11003: a bad join body, an empty or over-long name, no key: 11003, closed")
        void aBadJoinBodyIs11003() {
            String long32 = "u".repeat(32);
            List<byte[]> bodies = List.of(
                    "group=auto,user=user1,encrypt=k".getBytes(StandardCharsets.US_ASCII),   // no braces
                    "{auto,user1,k}".getBytes(StandardCharsets.US_ASCII),                    // no labels
                    MsgdBodies.joinBody("", "user1", new byte[] {'k'}),
                    MsgdBodies.joinBody("auto", "", new byte[] {'k'}),
                    MsgdBodies.joinBody(long32, "user1", new byte[] {'k'}),
                    MsgdBodies.joinBody("auto", long32, new byte[] {'k'}),
                    MsgdBodies.joinBody("auto", "user1", new byte[0]),
                    new byte[0]);
            for (byte[] body : bodies) {
                Client c = new Client();
                int seq = c.request(MsgdType.SUBSCRIBER_JOIN, 0, MsgdCipher.encode(MsgdCipher.JOIN_KEY, body));
                refusedAndClosed(c, seq, MsgdType.SUBSCRIBER_JOIN + 1, 0, MsgdCode.JOIN_FAILED);
            }
            assertThat(log.messages(Level.INFO)).hasSize(bodies.size()).allMatch(m -> m.startsWith("MSV1001"));
            assertThat(fixture.core.connections().count()).isZero();
            assertThat(names.uids).doesNotContainKey(long32);
        }

        @Test
        @DisplayName("a 31-byte name is long enough, and an unknown user or group is created by default (decisions.md)")
        void longestNamesAndUnknownOnesAreCreated() {
            String long31 = "u".repeat(31);
            Client c = new Client();
            int seq = c.join(MsgdType.BOTH_JOIN, "g".repeat(31), long31, "k");
            c.single().isReply(seq, MsgdType.BOTH_JOIN + 1, 0, MsgdCode.OK);
            assertThat(names.uids).containsKey(long31);
            assertThat(names.groupIds).containsKey("g".repeat(31));
        }

        @Test
        @DisplayName("decisions.md: with create-unknown false, an unknown user, group or membership: 11003, closed, MSV1003")
        void unknownNamesWithoutCreateAre11003() {
            createUnknown = false;
            String[][] joins = {{"auto", "stranger"}, {"nowhere", "user1"}, {"auto", "user9"}};
            for (String[] j : joins) {
                Client c = new Client();
                int seq = c.join(MsgdType.BOTH_JOIN, j[0], j[1], "k");
                c.single().isReply(seq, MsgdType.BOTH_JOIN + 1, 0, MsgdCode.JOIN_FAILED);
                assertThat(c.sink.closed()).isTrue();
            }
            assertThat(log.messages(Level.INFO)).hasSize(3).allMatch(m -> m.startsWith("MSV1003 Login refused"));
            assertThat(names.uids).doesNotContainKey("stranger");
            assertThat(names.groupIds).doesNotContainKey("nowhere");
            assertThat(fixture.isMember(AUTO, 9)).isFalse();
            joined(MsgdType.BOTH_JOIN, "user1");   // a known member still joins
        }

        @Test
        @DisplayName("a disabled account: 11003, closed, no session")
        void aDisabledAccountIs11003() {
            names.disabled.add("user2");
            Client c = new Client();
            int seq = c.join(MsgdType.SUBSCRIBER_JOIN, "auto", "user2", "k");
            c.single().isReply(seq, MsgdType.SUBSCRIBER_JOIN + 1, 0, MsgdCode.JOIN_FAILED);
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.NORMAL);   // a refused login, as every protocol's
            assertThat(fixture.core.connections().count()).isZero();
            assertThat(log.messages(Level.INFO)).singleElement().asString().startsWith("MSV1003");
        }

        @Test
        @DisplayName("a second join on a joined connection: 11003, closed")
        void aSecondJoinIs11003() {
            Client c = joined(MsgdType.BOTH_JOIN, "user1");
            int seq = c.join(MsgdType.BOTH_JOIN, "auto", "user2", "k");
            refusedAndClosed(c, seq, MsgdType.BOTH_JOIN + 1, 0, MsgdCode.JOIN_FAILED);
        }

        @Test
        @DisplayName("msgd.md 'Behaviour of the original' 1: the spec's worked join is answered by the spec's reply, byte for byte")
        void theWorkedJoinExample() {
            Client c = new Client();
            c.bytes(MsgdSpecExamplesTest.JOIN_FRAME);
            assertThat(array(c.sink.sent.get(0))).isEqualTo(MsgdSpecExamplesTest.JOIN_REPLY);
        }
    }

    // ------------------------------------------------------------------ header rules

    @Nested
    @DisplayName("the msgd header: msgd.md 'Layer 2' (version) and 'Reply codes' 11001, 11002")
    class Header {

        @Test
        @DisplayName("a version below V200: 11002 with type+1, closed, before and after the join")
        void anOldVersionIs11002() {
            for (String version : List.of("V199", "U300", "v200", "V1\0\0", "\0\0\0\0")) {
                Client c = new Client();
                int seq = c.request(version, MsgdType.BOTH_JOIN, 0,
                        MsgdCipher.encode(MsgdCipher.JOIN_KEY, MsgdBodies.joinBody("auto", "user1", new byte[] {'k'})));
                Frame reply = c.single();
                assertThat(reply.trpcSeq()).isEqualTo(seq);
                assertThat(reply.type()).isEqualTo(MsgdType.BOTH_JOIN + 1);
                assertThat(reply.version()).as("the request's version, repeated").isEqualTo(version);
                assertThat(reply.plain()).isEqualTo("{errCode=11002}");
                assertThat(c.sink.closedWith).as(version).isEqualTo(CloseKind.PROTOCOL_ERROR);
            }
            assertThat(fixture.core.connections().count()).isZero();

            Client joined = joined(MsgdType.BOTH_JOIN, "user1");
            int seq = joined.request("V199", MsgdType.KEEPALIVE, 5, new byte[0]);
            Frame reply = joined.single();
            assertThat(reply.trpcSeq()).isEqualTo(seq);
            assertThat(reply.type()).isEqualTo(MsgdType.KEEPALIVE + 1);
            assertThat(reply.seq()).isEqualTo(5);
            assertThat(reply.plain()).isEqualTo("{errCode=11002}");
            assertThat(joined.sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
        }

        @Test
        @DisplayName("a version above V200 is accepted (strncmp >= 0)")
        void aNewerVersionIsAccepted() {
            Client c = new Client();
            int seq = c.request("V201", MsgdType.BOTH_JOIN, 0,
                    MsgdCipher.encode(MsgdCipher.JOIN_KEY, MsgdBodies.joinBody("auto", "user1", new byte[] {'k'})));
            Frame reply = c.single();
            assertThat(reply.trpcSeq()).isEqualTo(seq);
            assertThat(reply.plain()).isEqualTo("{errCode=10000}");
        }

        @Test
        @DisplayName("an unknown type: 11001, the reply's type not incremented, closed, before and after the join")
        void anUnknownTypeIs11001() {
            for (int type : new int[] {MsgdType.COMPLETION, MsgdType.BOTH_JOIN + 1, 0x200, 0, -1}) {
                Client c = new Client();
                int seq = c.request(type, 9, new byte[] {1, 2});
                refusedAndClosed(c, seq, type, 9, MsgdCode.UNKNOWN_TYPE);
            }
            Client joined = joined(MsgdType.BOTH_JOIN, "user1");
            int seq = joined.request(MsgdType.KEEPALIVE + 1, 3, new byte[0]);
            refusedAndClosed(joined, seq, MsgdType.KEEPALIVE + 1, 3, MsgdCode.UNKNOWN_TYPE);
        }
    }

    // ------------------------------------------------------------------ keepalive and liveness

    @Nested
    @DisplayName("keepalive and liveness: msgd.md 'Behaviour of the original' 2, 'Reply codes' 11004")
    class Keepalive {

        @Test
        @DisplayName("a keepalive before the join: 11004, closed")
        void keepaliveBeforeJoinIs11004() {
            Client c = new Client();
            int seq = c.request(MsgdType.KEEPALIVE, 1, new byte[] {1});
            refusedAndClosed(c, seq, MsgdType.KEEPALIVE + 1, 1, MsgdCode.NOT_JOINED);
        }

        @Test
        @DisplayName("a keepalive after the join: 10000 with its seq echoed; one with no alive message (length 0) too")
        void keepaliveAfterJoinIsOk() {
            Client c = joined(MsgdType.NORMAL_JOIN, "user1");
            int seq = c.keepalive(7);
            c.single().isReply(seq, MsgdType.KEEPALIVE + 1, 7, MsgdCode.OK);
            seq = c.request(MsgdType.KEEPALIVE, 8, new byte[0]);
            c.single().isReply(seq, MsgdType.KEEPALIVE + 1, 8, MsgdCode.OK);
            assertThat(c.sink.closed()).isFalse();
        }

        @Test
        @DisplayName("a joined client silent for more than the liveness timeout is closed POLICY, nothing sent")
        void aSilentClientIsClosed() {
            Client c = joined(MsgdType.BOTH_JOIN, "user1");
            fixture.tick(LIVENESS - 1);
            assertThat(c.sink.closed()).isFalse();
            fixture.tick(2);
            c.isClosed(CloseKind.POLICY);
            assertThat(c.sink.closeReason).contains("silent");
            assertThat(connectionOf(1)).isEmpty();
        }

        @Test
        @DisplayName("any frame resets liveness: a keepalive, a p2p, even a frame with a bad magic")
        void anyFrameResetsLiveness() {
            Client c = joined(MsgdType.BOTH_JOIN, "user1");
            fixture.tick(LIVENESS - 1_000);
            c.keepalive(1);
            fixture.tick(LIVENESS - 1_000);
            c.p2p(2, "auto", "user2", 0, "hi");
            fixture.tick(LIVENESS - 1_000);
            c.bytes(trpc(0, 99, 24, msgd(0x12345678, "V200", MsgdType.KEEPALIVE, 1, 4, new byte[4])));
            fixture.tick(LIVENESS - 1_000);
            assertThat(c.sink.closed()).isFalse();
            fixture.tick(1_001);
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.POLICY);
        }
    }

    // ------------------------------------------------------------------ bad frames

    @Nested
    @DisplayName("bad frames: msgd.md 'Layer 2' (bad magic), issue 13 'Bad input'")
    class BadFrames {

        @Test
        @DisplayName("a bad magic: dropped without a reply, one log line however many, and the connection still works")
        void aBadMagicIsDroppedAndLoggedOnce() {
            Client c = new Client();
            byte[] bad = trpc(0, 5, 24, msgd(0x51525355, "V200", MsgdType.BOTH_JOIN, 0, 4, new byte[4]));
            c.bytes(bad);
            c.bytes(bad);
            c.bytes(bad);
            assertThat(c.received()).isEmpty();
            assertThat(c.sink.closed()).isFalse();
            c.joined(MsgdType.BOTH_JOIN, "user1");
            c.bytes(bad);
            int seq = c.keepalive(1);
            c.single().isReply(seq, MsgdType.KEEPALIVE + 1, 1, MsgdCode.OK);
            assertThat(msgdLog.messages(Level.INFO)).singleElement().asString().startsWith("MSV1020");
            assertThat(log.messages(Level.INFO)).isEmpty();
        }

        @Test
        @DisplayName("Malformed input (a trpc length of 0): closed PROTOCOL_ERROR, nothing sent, one log line")
        void malformedInputCloses() {
            Client c = joined(MsgdType.BOTH_JOIN, "user1");
            List<MsgdInput> inputs = MsgdDecoderRun.whole(trpc(0, 1, 0, new byte[0]));
            assertThat(inputs).singleElement().isInstanceOf(MsgdInput.Malformed.class);
            inputs.forEach(c.connection::onMessage);
            c.isClosed(CloseKind.PROTOCOL_ERROR);
            c.connection.onMessage(new MsgdInput.Malformed("again"));
            c.keepalive(2);
            assertThat(c.received()).isEmpty();
            assertThat(log.messages(Level.INFO)).singleElement().asString().startsWith("MSV1001");
            assertThat(connectionOf(1)).isEmpty();
        }
    }

    // ------------------------------------------------------------------ refused messages

    @Nested
    @DisplayName("refused messages: msgd.md 'Reply codes' 11005, 11006 and 'A publish or p2p on a connection that never joined'")
    class RefusedMessages {

        @Test
        @DisplayName("a publish or p2p before the join: closed, no reply")
        void aMessageBeforeJoinClosesWithoutReply() {
            for (int type : new int[] {MsgdType.PUBLISH, MsgdType.P2P}) {
                Client c = new Client();
                c.request(type, 4, MsgdCipher.encode(new byte[] {'k'},
                        MsgdBodies.p2pBody("auto", "user2", 0, new byte[] {'x'})));
                c.isClosed(CloseKind.PROTOCOL_ERROR);
            }
            assertThat(log.messages(Level.INFO)).hasSize(2).allMatch(m -> m.startsWith("MSV1001"));
        }

        @Test
        @DisplayName("decisions.md: a publish from a SUBSCRIBER or a NORMAL client: 11006, closed, nothing stored")
        void aPublishFromANonPublisherIs11006() {
            Client listener = joined(MsgdType.BOTH_JOIN, "user3");
            for (int type : new int[] {MsgdType.SUBSCRIBER_JOIN, MsgdType.NORMAL_JOIN}) {
                Client c = joined(type, "user1");
                int seq = c.publish(11, "auto", 0, "not allowed");
                refusedAndClosed(c, seq, MsgdType.PUBLISH + 1, 11, MsgdCode.NOT_A_PUBLISHER);
            }
            assertThat(listener.received()).isEmpty();
        }

        @Test
        @DisplayName("a p2p body unparsable once deciphered with the client's key: 11005, closed")
        void anUnparsableP2pIs11005() {
            Client listener = joined(MsgdType.BOTH_JOIN, "user2");
            List<byte[]> bodies = new ArrayList<>();
            bodies.add("{auto,user2}".getBytes(StandardCharsets.US_ASCII));                          // no persist, no text
            bodies.add("auto,user2,0,hello".getBytes(StandardCharsets.US_ASCII));                   // no braces
            bodies.add(MsgdBodies.p2pBody("auto", "user2", 0, new byte[0]));                      // empty message
            bodies.add(MsgdBodies.p2pBody("auto", "user2", 0, new byte[MsgdBodies.MAX_MESSAGE_BYTES + 1]));
            bodies.add("{auto,user2,-1,hello}".getBytes(StandardCharsets.US_ASCII));                // bad persist
            for (byte[] body : bodies) {
                Client c = joined(MsgdType.BOTH_JOIN, "user1");
                int seq = c.request(MsgdType.P2P, 3, MsgdCipher.encode(c.key, body));
                refusedAndClosed(c, seq, MsgdType.P2P + 1, 3, MsgdCode.BAD_PUBLISH);
            }
            // a good body enciphered with another key than the client's own
            Client c = joined(MsgdType.BOTH_JOIN, "user1");
            int seq = c.request(MsgdType.P2P, 3, MsgdCipher.encode(MsgdCipher.JOIN_KEY,
                    MsgdBodies.p2pBody("auto", "user2", 0, "hello".getBytes(StandardCharsets.US_ASCII))));
            refusedAndClosed(c, seq, MsgdType.P2P + 1, 3, MsgdCode.BAD_PUBLISH);
            assertThat(listener.received()).isEmpty();
        }

        @Test
        @DisplayName("an unparsable publish body: 11005, closed")
        void anUnparsablePublishIs11005() {
            Client c = joined(MsgdType.PUBLISHER_JOIN, "user1");
            int seq = c.request(MsgdType.PUBLISH, 8, MsgdCipher.encode(c.key, "{auto,hello}".getBytes(StandardCharsets.US_ASCII)));
            refusedAndClosed(c, seq, MsgdType.PUBLISH + 1, 8, MsgdCode.BAD_PUBLISH);
        }

        @Test
        @DisplayName("a store that fails the write: 11005 (not queued), closed, no completion")
        void aFailingStoreIs11005() {
            Client recipient = joined(MsgdType.BOTH_JOIN, "user2");
            Client c = joined(MsgdType.BOTH_JOIN, "user1");
            fixture.store.failWrites = true;
            int seq = c.p2p(21, "auto", "user2", 10, "lost");
            c.single().isReply(seq, MsgdType.P2P + 1, 21, MsgdCode.BAD_PUBLISH);
            assertThat(c.sink.closed()).isTrue();
            assertThat(log.messages(Level.INFO)).filteredOn(m -> m.startsWith("MSV1001")).singleElement()
                    .asString().contains("not queued");
            assertThat(recipient.received()).isEmpty();
        }
    }

    // ------------------------------------------------------------------ p2p and publish

    @Nested
    @DisplayName("p2p and publish: msgd.md 'Behaviour of the original' 3-5, decisions.md msgd")
    class Messages {

        @Test
        @DisplayName("p2p between two BOTH clients: 10000 only after the commit, a 0x10C delivery in the recipient's key, 0x10E 0")
        void p2pBetweenTwoBothClients() {
            Client a = new Client();
            int seq = a.join(MsgdType.BOTH_JOIN, "auto", "user1", "alpha");
            a.single();
            Client b = new Client();
            b.join(MsgdType.BOTH_JOIN, "auto", "user2", "test");
            b.single();

            fixture.store.autoCommit = false;
            seq = a.p2p(123, "auto", "user2", 20, "hello, {world}");
            assertThat(a.received()).isEmpty();
            assertThat(b.received()).isEmpty();
            fixture.store.commit();
            List<Frame> toA = a.received();
            assertThat(toA).hasSize(2);
            toA.get(0).isReply(seq, MsgdType.P2P + 1, 123, MsgdCode.OK);
            toA.get(1).isCompletion(0, 123);
            assertThat(toA.get(1).trpcSeq()).as("the server's own push counter").isEqualTo(1);
            Frame delivery = b.single();
            assertThat(delivery.trpcType()).isEqualTo(MsgdCodec.TRPC_REQUEST);
            assertThat(delivery.trpcSeq()).isEqualTo(1);
            assertThat(delivery.type()).isEqualTo(MsgdType.DELIVERY);
            assertThat(new String(MsgdCipher.decode(b.key, delivery.data()), StandardCharsets.UTF_8))
                    .isEqualTo("hello, {world}");

            // and back: b's own counters, a's key
            fixture.store.autoCommit = true;
            seq = b.p2p(7, "auto", "user1", 0, "hi");
            List<Frame> toB = b.received();
            assertThat(toB).hasSize(2);
            toB.get(0).isReply(seq, MsgdType.P2P + 1, 7, MsgdCode.OK);
            toB.get(1).isCompletion(0, 7);
            assertThat(toB.get(1).trpcSeq()).isEqualTo(2);
            assertThat(a.deliveries()).containsExactly("hi");
            assertThat(a.frames().get(a.frames().size() - 1).trpcSeq()).isEqualTo(2);
        }

        @Test
        @DisplayName("the spec's worked p2p: the delivery's data is 9c 8b a1 a3 a3 for a recipient whose key is \"test\"")
        void theWorkedP2pExample() {
            Client a = new Client();
            a.join(MsgdType.BOTH_JOIN, "auto", "user1", "test");   // the example's frame is enciphered with "test"
            a.single();
            Client dest = new Client();
            dest.join(MsgdType.BOTH_JOIN, "auto", "dest", "test");
            dest.single();
            a.bytes(MsgdSpecExamplesTest.P2P_FRAME);
            Frame delivery = dest.single();
            assertThat(delivery.data()).isEqualTo(MsgdDecoderRun.unhex("9c 8b a1 a3 a3"));
        }

        @Test
        @DisplayName("a destination is looked up by name once per connection, however many messages go to it")
        void aDestinationIsResolvedOnce() {
            Client a = joined(MsgdType.BOTH_JOIN, "user1");
            Client b = joined(MsgdType.BOTH_JOIN, "user2");
            int before = names.lookups;
            for (int i = 1; i <= 3; i++) {
                a.p2p(i, "auto", "user2", 20, "m" + i);
            }
            assertThat(b.deliveries()).containsExactly("m1", "m2", "m3");
            assertThat(names.lookups - before).isEqualTo(1);
        }

        @Test
        @DisplayName("on the transport's event loop: a p2p to a resolved name and a keep-alive are answered there; a new name is looked up on the pool")
        void messagesRunOnTheEventLoopOnceTheirDestinationIsResolved() {
            EventLoop loop = CoreFixture.CALLERS_LOOP;   // the test thread stands for the transport's I/O thread
            Client a = new Client(loop).joined(MsgdType.BOTH_JOIN, "user1");
            Client b = new Client(loop).joined(MsgdType.SUBSCRIBER_JOIN, "user2");
            fixture.holdTasks = true;   // the mailbox pool: what is answered now was answered on the loop
            int lookups = names.lookups;

            int first = a.p2p(1, "auto", "user2", 20, "m1");
            assertThat(a.received()).as("the name is looked up on the pool").isEmpty();
            assertThat(names.lookups).isEqualTo(lookups);
            fixture.runHeldTasks();
            assertThat(names.lookups).isEqualTo(lookups + 1);
            List<Frame> answers = a.received();
            assertThat(answers).hasSize(2);
            answers.get(0).isReply(first, MsgdType.P2P + 1, 1, MsgdCode.OK);
            answers.get(1).isCompletion(0, 1);
            assertThat(b.deliveries()).containsExactly("m1");

            int second = a.p2p(2, "auto", "user2", 20, "m2");
            answers = a.received();
            assertThat(answers).as("answered on the loop, the pool still held").hasSize(2);
            answers.get(0).isReply(second, MsgdType.P2P + 1, 2, MsgdCode.OK);
            answers.get(1).isCompletion(0, 2);
            assertThat(b.deliveries()).containsExactly("m2");
            int alive = a.keepalive(9);
            a.single().isReply(alive, MsgdType.KEEPALIVE + 1, 9, MsgdCode.OK);
            assertThat(names.lookups).isEqualTo(lookups + 1);
            fixture.holdTasks = false;
        }

        @Test
        @DisplayName("a p2p to a destination offline: 10000, then 0x10E -3")
        void p2pToAnOfflineDestinationCompletesMinus3() {
            Client a = joined(MsgdType.BOTH_JOIN, "user1");
            int seq = a.p2p(5, "auto", "user2", 20, "anyone?");
            List<Frame> frames = a.received();
            assertThat(frames).hasSize(2);
            frames.get(0).isReply(seq, MsgdType.P2P + 1, 5, MsgdCode.OK);
            frames.get(1).isCompletion(-3, 5);

            createUnknown = false;   // nor when the destination does not exist and is not created
            Client b = joined(MsgdType.BOTH_JOIN, "user3");
            seq = b.p2p(6, "auto", "nobody", 20, "anyone?");
            frames = b.received();
            assertThat(frames).hasSize(2);
            frames.get(0).isReply(seq, MsgdType.P2P + 1, 6, MsgdCode.OK);
            frames.get(1).isCompletion(-3, 6);
        }

        @Test
        @DisplayName("a p2p reaches only the destination user, on each of its SUBSCRIBER/BOTH connections")
        void p2pReachesOnlyTheDestination() {
            Client a = joined(MsgdType.PUBLISHER_JOIN, "user1");
            Client b1 = joined(MsgdType.SUBSCRIBER_JOIN, "user2");
            Client b2 = joined(MsgdType.BOTH_JOIN, "user2");
            Client other = joined(MsgdType.BOTH_JOIN, "user3");
            a.p2p(1, "auto", "user2", 0, "for 2");
            assertThat(b1.deliveries()).containsExactly("for 2");
            assertThat(b2.deliveries()).containsExactly("for 2");
            assertThat(other.received()).isEmpty();
            assertThat(a.received()).hasSize(2);
        }

        @Test
        @DisplayName("decisions.md: a group publish reaches every online SUBSCRIBER/BOTH member, not NORMAL, PUBLISHER or the sender; 0x10E 0")
        void aGroupPublishReachesTheReceivingMembers() {
            Client sender = joined(MsgdType.BOTH_JOIN, "user1");
            Client subscriber = joined(MsgdType.SUBSCRIBER_JOIN, "user2");
            Client both = joined(MsgdType.BOTH_JOIN, "user3");
            Client normal = joined(MsgdType.NORMAL_JOIN, "user4");
            Client publisher = joined(MsgdType.PUBLISHER_JOIN, "user5");
            Client elsewhere = new Client();
            elsewhere.join(MsgdType.BOTH_JOIN, "other", "user6", "k");
            elsewhere.single();

            int seq = sender.publish(31, "auto", 0, "to all");
            List<Frame> frames = sender.received();
            assertThat(frames).hasSize(2);
            frames.get(0).isReply(seq, MsgdType.PUBLISH + 1, 31, MsgdCode.OK);
            frames.get(1).isCompletion(0, 31);
            assertThat(subscriber.deliveries()).containsExactly("to all");
            assertThat(both.deliveries()).containsExactly("to all");
            assertThat(normal.received()).isEmpty();
            assertThat(publisher.received()).isEmpty();
            assertThat(elsewhere.received()).isEmpty();

            seq = publisher.publish(32, "auto", 0, "from a publisher");
            frames = publisher.received();
            frames.get(0).isReply(seq, MsgdType.PUBLISH + 1, 32, MsgdCode.OK);
            frames.get(1).isCompletion(0, 32);
            assertThat(sender.deliveries()).containsExactly("from a publisher");
        }

        @Test
        @DisplayName("a group publish with only NORMAL and PUBLISHER members online completes -3")
        void aPublishNobodyReceivesCompletesMinus3() {
            Client sender = joined(MsgdType.PUBLISHER_JOIN, "user1");
            joined(MsgdType.NORMAL_JOIN, "user2");
            joined(MsgdType.PUBLISHER_JOIN, "user3");
            sender.publish(1, "auto", 0, "x");
            List<Frame> frames = sender.received();
            assertThat(frames).hasSize(2);
            frames.get(1).isCompletion(-3, 1);
        }

        @Test
        @DisplayName("issue 13: a message from another protocol's client (core.publish) reaches a msgd BOTH member, enciphered")
        void aMessageFromAnotherProtocolReachesAMsgdMember() {
            Client both = joined(MsgdType.BOTH_JOIN, "user2");
            Client normal = joined(MsgdType.NORMAL_JOIN, "user3");
            List<String> accepted = new ArrayList<>();
            ClientSession other = otherProtocolSession(4);
            fixture.core.publish(other, Publication.of(MessageId.random(), new Target.Group(AUTO),
                    "from binary".getBytes(StandardCharsets.UTF_8)), callback(accepted));
            assertThat(accepted).containsExactly("accepted");
            assertThat(both.deliveries()).containsExactly("from binary");
            assertThat(normal.received()).isEmpty();

            fixture.core.publish(other, Publication.of(MessageId.random(), new Target.User(2),
                    "private".getBytes(StandardCharsets.UTF_8)), callback(accepted));
            assertThat(both.deliveries()).containsExactly("private");
        }

        @Test
        @DisplayName("issue 13: a msgd publish reaches a member on another protocol, in its own format")
        void aMsgdPublishReachesAnotherProtocolsMember() {
            List<Message> pushed = new ArrayList<>();
            otherProtocolSession(4, pushed);
            Client sender = joined(MsgdType.PUBLISHER_JOIN, "user1");
            sender.publish(2, "auto", 0, "to binary");
            assertThat(pushed).singleElement().satisfies(m ->
                    assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("to binary"));
            assertThat(sender.received().get(1).plain()).isEqualTo("{\"errCode\"=0,\"msgId\"=2}");
        }
    }

    ClientSession otherProtocolSession(long uid) {
        return otherProtocolSession(uid, new ArrayList<>());
    }

    /** A session of another protocol's client, as its connection would open it; its pushes go to {@code pushed}. */
    ClientSession otherProtocolSession(long uid, List<Message> pushed) {
        ClientSession[] session = new ClientSession[1];
        SessionOutbound outbound = new SessionOutbound() {
            @Override
            public void push(Message message) {
                pushed.add(message);
                session[0].acknowledge(message.id());
            }

            @Override
            public void close(CloseReason reason) {
            }
        };
        OpenResult result = fixture.core.open(uid, "user" + uid, new Peer("binary", "test", "127.0.0.1:1",
                ConnectionKind.USER), outbound, fixture.core.newMailbox());
        assertThat(result).isInstanceOf(OpenResult.Opened.class);
        session[0] = ((OpenResult.Opened) result).session();
        session[0].start();
        return session[0];
    }

    static PublishCallback callback(List<String> outcomes) {
        return new RecordingPublishCallback(outcomes, true);
    }

    // ------------------------------------------------------------------ persistence

    @Nested
    @DisplayName("persistTime: msgd.md 'Behaviour of the original' 6, decisions.md 'persistTime'")
    class Persistence {

        @Test
        @DisplayName("persist > 0: the message waits for a destination that joins later, within its time to live")
        void persistedMessagesWaitForTheDestination() {
            Client a = joined(MsgdType.BOTH_JOIN, "user1");
            a.p2p(1, "auto", "user2", 20, "kept");
            a.publish(2, "auto", 20, "kept for the group");
            fixture.tick(19_000);
            Client b = joined(MsgdType.SUBSCRIBER_JOIN, "user2");
            assertThat(b.deliveries()).containsExactlyInAnyOrder("kept", "kept for the group");

            a.p2p(3, "auto", "user3", 20, "too late");
            fixture.tick(20_000);
            Client c = joined(MsgdType.BOTH_JOIN, "user3");
            assertThat(c.deliveries()).isEmpty();
        }

        @Test
        @DisplayName("persist 0: the unpersisted time to live (2 s): a destination joining after it gets nothing")
        void unpersistedMessagesAreNotKept() {
            Client a = joined(MsgdType.BOTH_JOIN, "user1");
            a.p2p(1, "auto", "user2", 0, "now or never");
            a.publish(2, "auto", 0, "now or never, all");
            fixture.tick(UNPERSISTED_TTL);
            Client b = joined(MsgdType.BOTH_JOIN, "user2");
            assertThat(b.deliveries()).isEmpty();
        }

        @Test
        @DisplayName("a NORMAL client never receives, and its join does not consume its user's pending messages")
        void aNormalJoinLeavesPendingMessages() {
            Client a = joined(MsgdType.BOTH_JOIN, "user1");
            a.p2p(1, "auto", "user2", 60, "waiting");
            Client normal = joined(MsgdType.NORMAL_JOIN, "user2");
            Client publisher = joined(MsgdType.PUBLISHER_JOIN, "user2");
            a.p2p(2, "auto", "user2", 60, "also waiting");
            assertThat(a.received()).hasSize(4).last().satisfies(f -> f.isCompletion(-3, 2));
            fixture.tick(1_000);
            assertThat(normal.received()).isEmpty();
            assertThat(publisher.received()).isEmpty();
            Client both = joined(MsgdType.BOTH_JOIN, "user2");
            assertThat(both.deliveries()).containsExactly("waiting", "also waiting");
        }
    }

    // ------------------------------------------------------------------ server errors and the close

    @Nested
    @DisplayName("server errors and the close: ProtocolConnection's guard, decisions.md 'Every bad frame gets msgd's reply code'")
    class ServerErrors {

        @Test
        @DisplayName("NamedMembers throws during the join: 11003, closed SERVER_ERROR, one MSV1002 WARNING")
        void aThrowingDirectoryDuringJoinIs11003() {
            names.failing = true;
            Client c = new Client();
            int seq = c.join(MsgdType.BOTH_JOIN, "auto", "user1", "k");
            c.single().isReply(seq, MsgdType.BOTH_JOIN + 1, 0, MsgdCode.JOIN_FAILED);
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.SERVER_ERROR);
            assertThat(log.messages(Level.WARNING)).singleElement().asString().startsWith("MSV1002");
            assertThat(log.messages(Level.INFO)).isEmpty();
            assertThat(fixture.core.connections().count()).isZero();
        }

        @Test
        @DisplayName("NamedMembers throws during a p2p: 11005, closed SERVER_ERROR, one MSV1002 WARNING")
        void aThrowingDirectoryDuringP2pIs11005() {
            Client c = joined(MsgdType.BOTH_JOIN, "user1");
            names.failing = true;
            int seq = c.p2p(9, "auto", "user2", 0, "x");
            c.single().isReply(seq, MsgdType.P2P + 1, 9, MsgdCode.BAD_PUBLISH);
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.SERVER_ERROR);
            assertThat(log.messages(Level.WARNING)).singleElement().asString().startsWith("MSV1002");
            assertThat(connectionOf(1)).isEmpty();
        }

        @Test
        @DisplayName("a message committed after its sender's connection closed: no reply, no completion; still delivered")
        void aCommitAfterTheCloseSendsNothing() {
            Client recipient = joined(MsgdType.SUBSCRIBER_JOIN, "user2");
            Client c = joined(MsgdType.BOTH_JOIN, "user1");
            fixture.store.autoCommit = false;
            c.p2p(1, "auto", "user2", 60, "committed late");
            int seq = c.request(0x300, 2, new byte[0]);
            refusedAndClosed(c, seq, 0x300, 2, MsgdCode.UNKNOWN_TYPE);
            fixture.store.commit();
            assertThat(c.received()).isEmpty();
            assertThat(recipient.deliveries()).containsExactly("committed late");
        }

        @Test
        @DisplayName("after the close nothing more is sent: no reply, no delivery, no completion")
        void nothingIsSentAfterTheClose() {
            Client sender = joined(MsgdType.BOTH_JOIN, "user1");
            Client c = joined(MsgdType.BOTH_JOIN, "user2");
            c.publish(1, "auto", 0, "x");
            assertThat(c.received()).hasSize(2);
            assertThat(sender.deliveries()).containsExactly("x");
            int seq = c.request(0x300, 2, new byte[0]);
            refusedAndClosed(c, seq, 0x300, 2, MsgdCode.UNKNOWN_TYPE);
            c.keepalive(3);
            c.p2p(4, "auto", "user1", 0, "y");
            c.join(MsgdType.BOTH_JOIN, "auto", "user2", "k");
            c.connection.push(new Message(1, 1, MessageId.random(), 1, new Target.User(2), new byte[] {1}, 0, 0));
            sender.p2p(5, "auto", "user2", 60, "to a closed connection");
            fixture.tick(LIVENESS * 2);
            assertThat(c.received()).isEmpty();
            assertThat(sender.received()).map(Frame::plain)
                    .containsExactly("{errCode=10000}", "{\"errCode\"=-3,\"msgId\"=5}");
        }
    }
}
