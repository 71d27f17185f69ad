package io.missive.binary;

import io.missive.binary.BinaryFrame.Connect;
import io.missive.binary.BinaryFrame.ConnectAck;
import io.missive.binary.BinaryFrame.Disconnect;
import io.missive.binary.BinaryFrame.GroupPartPubAck;
import io.missive.binary.BinaryFrame.GroupPartPublish;
import io.missive.binary.BinaryFrame.GroupPubAck;
import io.missive.binary.BinaryFrame.GroupPublish;
import io.missive.binary.BinaryFrame.Ping;
import io.missive.binary.BinaryFrame.PingResp;
import io.missive.binary.BinaryFrame.PubAck;
import io.missive.binary.BinaryFrame.PubRefused;
import io.missive.binary.BinaryFrame.Publish;
import io.missive.binary.BinaryFrame.Push;
import io.missive.binary.BinaryFrame.RichPush;
import io.missive.core.CoreFixture;
import io.missive.core.MessagingCore;
import io.missive.core.model.MessageId;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.protocol.LogCapture;
import io.missive.protocol.ConnectionLifecycle;
import io.missive.protocol.RecordingSink;
import io.missive.transport.CloseKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of a binary-protocol connection (seed 002, docs/protocol-binary.md), on the core's
 * in-memory fixture and manual clock: what the client sends goes in as frame bytes, what the
 * connection sends is decoded with {@link BinaryCodec}.
 */
class BinaryConnectionTest {

    static final long CONNECT_TIMEOUT = 10_000;
    static final long PING_INTERVAL = 30_000;
    static final long PING_TIMEOUT = 10_000;
    static final long RESEND_INTERVAL = 2_000;   // CoreFixture's DeliverySettings
    static final BinarySettings SETTINGS = new BinarySettings(CONNECT_TIMEOUT, PING_INTERVAL, PING_TIMEOUT);
    static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    CoreFixture fixture = new CoreFixture();
    final LogCapture log = new LogCapture(ConnectionLifecycle.class);

    @AfterEach
    void stopCapture() {
        log.close();
    }

    /** One client's side of a connection. */
    final class Client {
        final RecordingSink<ByteBuffer> sink = new RecordingSink<>();
        final BinaryConnection connection;
        private int read;

        Client(boolean trusted) {
            connection = new BinaryConnection(fixture.core, SETTINGS, sink, "test", trusted);
        }

        void send(BinaryFrame frame) {
            connection.onMessage(BinaryCodec.encodeToArray(frame));
        }

        /** Everything the connection sent, decoded. */
        List<BinaryFrame> frames() {
            List<BinaryFrame> out = new ArrayList<>();
            for (ByteBuffer b : sink.sent) {
                try {
                    out.add(BinaryCodec.decodeServerFrame(b.duplicate()));
                } catch (MalformedFrameException e) {
                    throw new AssertionError("the connection sent a malformed frame", e);
                }
            }
            return out;
        }

        /** What the connection sent since the last call. */
        List<BinaryFrame> received() {
            List<BinaryFrame> all = frames();
            List<BinaryFrame> news = List.copyOf(all.subList(read, all.size()));
            read = all.size();
            return news;
        }

        Client login(int uid) {
            return login(uid, 0);
        }

        Client login(int uid, int flags) {
            send(new Connect("user" + uid, "pw", 0, flags));
            assertThat(received()).containsExactly(new ConnectAck(ConnectCode.ACCEPTED));
            assertThat(sink.closed()).isFalse();
            return this;
        }
    }

    Client client() {
        return new Client(false);
    }

    Client loggedIn(int uid) {
        return client().login(uid);
    }

    /** Publishes from {@code sender} to {@code uid} and checks the PUB_ACK; answers the message's id. */
    static MessageId publish(Client sender, long uid, byte[] payload) {
        MessageId id = MessageId.random();
        sender.send(new Publish(uid, id, payload));
        assertThat(sender.received()).containsExactly(new PubAck(id));
        return id;
    }

    boolean pendingFor(long uid, MessageId id) {
        return fixture.store.pending(uid, Map.of(), 100).stream().anyMatch(m -> m.id().equals(id));
    }

    @Nested
    @DisplayName("seed 002 §2 connect指令, docs 'Connection rules: CONNECT first / Login'")
    class Login {

        @Test
        @DisplayName("no CONNECT within connect-timeout: closed POLICY, nothing sent")
        void noConnectWithinTheConnectTimeoutClosesPolicy() {
            Client c = client();
            fixture.tick(CONNECT_TIMEOUT - 1);
            assertThat(c.sink.closed()).isFalse();
            fixture.tick(1);
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.POLICY);
            assertThat(c.sink.closeReason).contains("no CONNECT within");
            assertThat(c.frames()).isEmpty();
        }

        @Test
        @DisplayName("a CONNECT in time ends the login deadline")
        void aConnectInTimeEndsTheLoginDeadline() {
            Client c = client();
            fixture.tick(CONNECT_TIMEOUT - 1);
            c.login(2);
            fixture.tick(PING_INTERVAL - 1);
            assertThat(c.sink.closed()).isFalse();
            assertThat(c.received()).isEmpty();
        }

        @Test
        @DisplayName("the first frame is not CONNECT: closed PROTOCOL_ERROR without an answer")
        void aFirstFrameOtherThanConnectClosesProtocolError() {
            Client c = client();
            c.send(new Publish(3, MessageId.random(), HELLO));
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
            assertThat(c.frames()).isEmpty();
            assertThat(fixture.store.pending(3, Map.of(), 10)).isEmpty();
        }

        @Test
        @DisplayName("a PING before CONNECT is not answered: closed PROTOCOL_ERROR")
        void aPingBeforeConnectClosesProtocolError() {
            Client c = client();
            c.send(Ping.INSTANCE);
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
            assertThat(c.frames()).isEmpty();
        }

        @Test
        @DisplayName("a CONNECT that cannot be decoded: CONNECT_ACK 4, closed PROTOCOL_ERROR")
        void aMalformedConnectIsAnsweredCode4() {
            Client c = client();
            c.connection.onMessage(new byte[] {0x01, 0x00, 0x04, 't', 'e'});
            assertThat(c.frames()).containsExactly(new ConnectAck(ConnectCode.MALFORMED_CONNECT));
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
        }

        @Test
        @DisplayName("another malformed first frame: closed PROTOCOL_ERROR without CONNECT_ACK")
        void aMalformedOtherFirstFrameIsNotAnsweredConnectAck() {
            Client c = client();
            c.connection.onMessage(new byte[] {0x63});
            assertThat(c.frames()).isEmpty();
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
            assertThat(c.sink.closeReason).contains("unknown frame type");
        }

        @Test
        @DisplayName("bad password: CONNECT_ACK 3, then the connection closes; logged once")
        void aBadPasswordIsAnsweredCode3ThenClosed() {
            Client c = client();
            c.send(new Connect("user2", "wrong"));
            assertThat(c.frames()).containsExactly(new ConnectAck(ConnectCode.BAD_CREDENTIALS));
            assertThat(c.sink.closed()).isTrue();
            assertThat(log.messages(Level.INFO)).singleElement().asString().startsWith("MSV1003 Login refused");
        }

        @Test
        @DisplayName("issue 17: after 10 bad passwords for one user its logins are answered 5 unchecked, even the right one, for a while")
        void aGuessedUsernameIsThrottled() {
            for (int i = 0; i < 10; i++) {
                Client c = client();
                c.send(new Connect("user2", "guess" + i));
                assertThat(c.frames()).containsExactly(new ConnectAck(ConnectCode.BAD_CREDENTIALS));
            }
            Client right = client();
            right.send(new Connect("user2", "pw"));
            assertThat(right.frames()).containsExactly(new ConnectAck(ConnectCode.AUTH_SERVICE_UNAVAILABLE));
            assertThat(right.sink.closed()).isTrue();
            Client other = client();
            other.send(new Connect("user3", "pw"));
            assertThat(other.frames()).as("another user is not held back").containsExactly(new ConnectAck(ConnectCode.ACCEPTED));

            fixture.tick(6_000);
            Client later = client();
            later.send(new Connect("user2", "pw"));
            assertThat(later.frames()).containsExactly(new ConnectAck(ConnectCode.ACCEPTED));
        }

        @Test
        @DisplayName("issue 17: a flood of refused logins writes at most 20 lines per 10 s; the next line counts the rest")
        void aFloodOfRefusedLoginsCannotFloodTheLog() {
            for (int i = 0; i < 30; i++) {
                Client c = client();
                c.send(new Connect("user2", "guess" + i));
                assertThat(c.sink.closed()).isTrue();
            }
            assertThat(log.messages(Level.INFO)).hasSize(20).allMatch(m -> m.startsWith("MSV1003 Login refused"));

            fixture.tick(10_000);
            client().send(new Connect("user2", "guess again"));
            assertThat(log.messages(Level.INFO)).hasSize(21).last().asString()
                    .startsWith("MSV1003 Login refused").endsWith("(10 more like it were left out: at most 20 every 10 s)");
        }

        @Test
        @DisplayName("issue 17: credentials are checked on their own executor, not the mailbox; frames sent meanwhile"
                + " wait for the answer, and other sessions are served meanwhile")
        void credentialsAreCheckedOffTheMailboxAndLaterFramesWait() {
            Client alice = loggedIn(1);
            Client bob = loggedIn(2);
            fixture.holdCredentialChecks = true;
            Client c = client();
            c.send(new Connect("user3", "pw"));
            c.send(Ping.INSTANCE);
            assertThat(c.received()).as("nothing before the check ran").isEmpty();
            assertThat(fixture.credentialChecks).isEqualTo(2);   // alice's and bob's

            MessageId id = publish(alice, 2, HELLO);
            assertThat(bob.received()).containsExactly(new Push(id, HELLO));

            assertThat(fixture.runCredentialChecks()).isEqualTo(1);
            assertThat(c.received()).containsExactly(new ConnectAck(ConnectCode.ACCEPTED), PingResp.INSTANCE);
        }

        @Test
        @DisplayName("issue 17: a full credential-check executor answers CONNECT_ACK 5 at once, unchecked, and counts it")
        void aFullCredentialCheckExecutorIsAnsweredCode5() {
            fixture.holdCredentialChecks = true;
            fixture.credentialCheckPlaces = 1;
            Client first = client();
            first.send(new Connect("user2", "pw"));
            Client second = client();
            second.send(new Connect("user3", "pw"));
            assertThat(second.frames()).containsExactly(new ConnectAck(ConnectCode.AUTH_SERVICE_UNAVAILABLE));
            assertThat(second.sink.closed()).isTrue();
            assertThat(fixture.observed.loginsBusy).isEqualTo(1);
            assertThat(log.messages(Level.INFO)).singleElement().asString().startsWith("MSV1003 Login refused")
                    .contains("too many logins are being checked");

            fixture.runCredentialChecks();
            assertThat(first.frames()).containsExactly(new ConnectAck(ConnectCode.ACCEPTED));
            assertThat(fixture.credentialChecks).isEqualTo(1);
        }

        @Test
        @DisplayName("issue 17: a connection that closes while its credentials are checked opens no session")
        void aConnectionClosedDuringItsCheckOpensNoSession() {
            fixture.holdCredentialChecks = true;
            Client c = client();
            c.send(new Connect("user2", "pw"));
            c.connection.onClosed();
            fixture.runCredentialChecks();
            assertThat(c.frames()).isEmpty();
            assertThat(fixture.core.sessions().isOnline(2)).isFalse();
        }

        @Test
        @DisplayName("a disabled account: CONNECT_ACK 6, closed")
        void aDisabledAccountIsAnsweredCode6() {
            Client c = client();
            c.send(new Connect("disabled", "pw"));
            assertThat(c.frames()).containsExactly(new ConnectAck(ConnectCode.ACCOUNT_DISABLED));
            assertThat(c.sink.closed()).isTrue();
        }

        @Test
        @DisplayName("the authenticator is unavailable: CONNECT_ACK 5, closed")
        void anUnavailableAuthenticatorIsAnsweredCode5() {
            Client c = client();
            c.send(new Connect("unreachable", "pw"));
            assertThat(c.frames()).containsExactly(new ConnectAck(ConnectCode.AUTH_SERVICE_UNAVAILABLE));
            assertThat(c.sink.closed()).isTrue();
        }

        @Test
        @DisplayName("accepted: CONNECT_ACK 0 first, then the messages that waited")
        void anAcceptedLoginIsAnsweredCode0BeforeThePendingPushes() {
            MessageId id = publish(loggedIn(3), 2, HELLO);
            Client c = client();
            c.send(new Connect("user2", "pw"));
            assertThat(c.frames()).containsExactly(new ConnectAck(ConnectCode.ACCEPTED), new Push(id, HELLO));
        }
    }

    @Nested
    @DisplayName("docs 'Connection rules: Duplicate login' (seed 002 §2: code 1)")
    class DuplicateLogin {

        @Test
        @DisplayName("refuse: the second connection gets CONNECT_ACK 1 and closes; the first stays")
        void refuseAnswersCode1() {
            Client first = loggedIn(2);
            Client second = client();
            second.send(new Connect("user2", "pw"));
            assertThat(second.frames()).containsExactly(new ConnectAck(ConnectCode.DUPLICATE_LOGIN));
            assertThat(second.sink.closed()).isTrue();
            assertThat(first.sink.closed()).isFalse();
            assertThat(first.received()).isEmpty();

            MessageId id = publish(loggedIn(3), 2, HELLO);
            assertThat(first.received()).containsExactly(new Push(id, HELLO));
        }

        @Test
        @DisplayName("replace: the old connection gets DISCONNECT and closes; the new one gets the messages")
        void replaceDisconnectsTheOldConnection() {
            fixture = new CoreFixture(DuplicateLoginPolicy.REPLACE);
            Client first = loggedIn(2);
            Client second = loggedIn(2);
            assertThat(first.received()).containsExactly(Disconnect.INSTANCE);
            assertThat(first.sink.closedWith).isEqualTo(CloseKind.NORMAL);
            assertThat(second.sink.closed()).isFalse();

            MessageId id = publish(loggedIn(3), 2, HELLO);
            assertThat(second.received()).containsExactly(new Push(id, HELLO));
            assertThat(first.received()).isEmpty();
        }

        @Test
        @DisplayName("multiple: both connections stay open and each gets every message")
        void multipleKeepsBothOpen() {
            fixture = new CoreFixture(DuplicateLoginPolicy.MULTIPLE);
            Client first = loggedIn(2);
            Client second = loggedIn(2);
            assertThat(first.sink.closed()).isFalse();
            assertThat(first.received()).isEmpty();

            MessageId id = publish(loggedIn(3), 2, HELLO);
            assertThat(first.received()).containsExactly(new Push(id, HELLO));
            assertThat(second.received()).containsExactly(new Push(id, HELLO));
        }
    }

    @Nested
    @DisplayName("seed 002 §2 发送消息 / §4, docs 'Connection rules: Acknowledgement means stored', 'PUB_REFUSED'")
    class Publishing {

        @Test
        @DisplayName("PUB_ACK only once the store has committed the message")
        void pubAckOnlyAfterTheCommit() {
            Client c = loggedIn(2);
            fixture.store.autoCommit = false;
            MessageId id = MessageId.random();
            c.send(new Publish(3, id, HELLO));
            assertThat(c.received()).isEmpty();
            fixture.store.commit();
            assertThat(c.received()).containsExactly(new PubAck(id));
        }

        @Test
        @DisplayName("issue 17: 64 publishes awaiting their commit stop the transport reading from that client, until they commit")
        void publishesAwaitingCommitCountInTheInboundBacklog() {
            Client c = loggedIn(2);
            Client other = loggedIn(4);
            fixture.store.autoCommit = false;
            for (int i = 0; i < 63; i++) {
                c.send(new Publish(3, MessageId.random(), HELLO));
            }
            assertThat(c.sink.readingPaused).isFalse();
            c.send(new Publish(3, MessageId.random(), HELLO));
            assertThat(c.sink.readingPaused).as("one client cannot queue unbounded work for the shared writer").isTrue();
            assertThat(other.sink.readingPaused).isFalse();

            fixture.store.commit();
            assertThat(c.received()).hasSize(64);
            assertThat(c.sink.readingPaused).isFalse();
        }

        @Test
        @DisplayName("GROUP_PUBLISH is answered GROUP_PUB_ACK, GROUP_PART_PUBLISH GROUP_PART_PUB_ACK, after the commit")
        void groupPublishesAreAnsweredWithTheirOwnAcks() {
            fixture.group(10, 2, 3, 4);
            Client c = loggedIn(2);
            fixture.store.autoCommit = false;
            MessageId whole = MessageId.random();
            MessageId part = MessageId.random();
            c.send(new GroupPublish(10, whole, HELLO));
            c.send(new GroupPartPublish(10, part, new long[] {3}, HELLO));
            assertThat(c.received()).isEmpty();
            fixture.store.commit();
            assertThat(c.received()).containsExactly(new GroupPubAck(whole), new GroupPartPubAck(part));
        }

        @Test
        @DisplayName("a refused publish: PUB_REFUSED with the mapped code, nothing stored")
        void aRefusedPublishIsAnsweredPubRefusedWithTheMappedCode() {
            fixture.group(10, 3, 4);
            Client c = loggedIn(2);
            MessageId unknownUser = MessageId.random();
            MessageId notMember = MessageId.random();
            MessageId unknownGroup = MessageId.random();
            MessageId tooLarge = MessageId.random();
            MessageId toSelf = MessageId.random();
            c.send(new Publish(42, unknownUser, HELLO));
            c.send(new GroupPublish(10, notMember, HELLO));
            c.send(new GroupPublish(77, unknownGroup, HELLO));
            c.send(new Publish(3, tooLarge, new byte[1_001]));
            c.send(new Publish(2, toSelf, HELLO));
            assertThat(c.received()).extracting(f -> ((PubRefused) f).msgId(), f -> ((PubRefused) f).code())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(unknownUser, RefusalCode.UNKNOWN_RECIPIENT.code()),
                            org.assertj.core.groups.Tuple.tuple(notMember, RefusalCode.NOT_A_MEMBER.code()),
                            org.assertj.core.groups.Tuple.tuple(unknownGroup, RefusalCode.UNKNOWN_GROUP.code()),
                            org.assertj.core.groups.Tuple.tuple(tooLarge, RefusalCode.PAYLOAD_TOO_LARGE.code()),
                            org.assertj.core.groups.Tuple.tuple(toSelf, RefusalCode.NOT_ALLOWED.code()));
            assertThat(fixture.store.pending(3, Map.of(), 10)).isEmpty();
            assertThat(c.sink.closed()).isFalse();
        }

        @Test
        @DisplayName("a publish the store fails to write: PUB_REFUSED 6 (server error), the connection stays")
        void aFailedWriteIsAnsweredPubRefused6() {
            Client c = loggedIn(2);
            fixture.store.failWrites = true;
            MessageId id = MessageId.random();
            c.send(new Publish(3, id, HELLO));
            assertThat(c.received()).singleElement().isInstanceOfSatisfying(PubRefused.class, r -> {
                assertThat(r.msgId()).isEqualTo(id);
                assertThat(r.code()).isEqualTo(RefusalCode.SERVER_ERROR.code());
            });
            assertThat(c.sink.closed()).isFalse();
        }
    }

    @Nested
    @DisplayName("seed 002 §3 消息推送 (特殊说明 1), docs 'Connection rules: Resend'")
    class Delivery {

        @Test
        @DisplayName("an acknowledged push is not sent again")
        void anAcknowledgedPushIsNotResent() {
            Client c = loggedIn(2);
            MessageId id = publish(loggedIn(3), 2, HELLO);
            assertThat(c.received()).containsExactly(new Push(id, HELLO));
            c.send(new PubAck(id));
            fixture.tick(RESEND_INTERVAL * 4);
            assertThat(c.received()).isEmpty();
            assertThat(c.sink.closed()).isFalse();
            assertThat(pendingFor(2, id)).isFalse();
        }

        @Test
        @DisplayName("a PUB_ACK the transport hands over after it reported the close still counts; a PUBLISH does not")
        void anAcknowledgementAfterTheCloseReportCounts() {
            Client c = loggedIn(2);
            MessageId id = publish(loggedIn(3), 2, HELLO);
            assertThat(c.received()).containsExactly(new Push(id, HELLO));
            c.connection.onClosed();   // Undertow: the close on its I/O thread, frames read before it later
            c.send(new PubAck(id));
            MessageId late = MessageId.random();
            c.send(new Publish(3, late, HELLO));
            assertThat(pendingFor(2, id)).isFalse();
            assertThat(pendingFor(3, late)).isFalse();
            assertThat(c.received()).isEmpty();
        }

        @Test
        @DisplayName("a push is resent every 2 s three times, then DISCONNECT, closed POLICY, the message stays pending")
        void aPushIsResentEvery2sThreeTimesThenDisconnected() {
            Client c = loggedIn(2);
            MessageId id = publish(loggedIn(3), 2, HELLO);
            assertThat(c.received()).containsExactly(new Push(id, HELLO));
            for (int resend = 1; resend <= 3; resend++) {
                fixture.tick(RESEND_INTERVAL - 1);
                assertThat(c.received()).as("before resend %d", resend).isEmpty();
                fixture.tick(1);
                assertThat(c.received()).as("resend %d", resend).containsExactly(new Push(id, HELLO));
            }
            fixture.tick(RESEND_INTERVAL - 1);
            assertThat(c.sink.closed()).isFalse();
            fixture.tick(1);
            assertThat(c.received()).containsExactly(Disconnect.INSTANCE);
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.POLICY);
            assertThat(pendingFor(2, id)).isTrue();

            Client again = client();
            again.send(new Connect("user2", "pw"));
            assertThat(again.frames()).containsExactly(new ConnectAck(ConnectCode.ACCEPTED), new Push(id, HELLO));
        }

        @Test
        @DisplayName("a client that asked for rich pushes gets RICH_PUSH with the sender")
        void aRichPushClientGetsRichPush() {
            Client c = client().login(2, Connect.FLAG_RICH_PUSH);
            MessageId id = publish(loggedIn(3), 2, HELLO);
            assertThat(c.received()).singleElement().isInstanceOfSatisfying(RichPush.class, p -> {
                assertThat(p.msgId()).isEqualTo(id);
                assertThat(p.fromUid()).isEqualTo(3);
                assertThat(p.payload()).isEqualTo(HELLO);
            });
        }
    }

    @Nested
    @DisplayName("seed 002 §3 心跳保存, docs 'Connection rules: Heartbeat'")
    class Heartbeat {

        @Test
        @DisplayName("the server sends PING every ping-interval while the client answers")
        void pingEveryPingInterval() {
            Client c = loggedIn(2);
            fixture.tick(PING_INTERVAL - 1);
            assertThat(c.received()).isEmpty();
            fixture.tick(1);
            assertThat(c.received()).containsExactly(Ping.INSTANCE);
            fixture.tick(1_000);
            c.send(PingResp.INSTANCE);
            fixture.tick(PING_INTERVAL - 1);
            assertThat(c.received()).isEmpty();
            fixture.tick(1);
            assertThat(c.received()).containsExactly(Ping.INSTANCE);
            assertThat(c.sink.closed()).isFalse();
        }

        @Test
        @DisplayName("no PING_RESP within ping-timeout: DISCONNECT, closed POLICY")
        void noPingRespWithinThePingTimeoutCloses() {
            Client c = loggedIn(2);
            fixture.tick(PING_INTERVAL);
            assertThat(c.received()).containsExactly(Ping.INSTANCE);
            fixture.tick(PING_TIMEOUT - 1);
            assertThat(c.sink.closed()).isFalse();
            fixture.tick(1);
            assertThat(c.received()).containsExactly(Disconnect.INSTANCE);
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.POLICY);
        }

        @Test
        @DisplayName("other frames do not count as PING_RESP")
        void otherFramesAreNoPingResp() {
            Client c = loggedIn(2);
            fixture.tick(PING_INTERVAL);
            c.send(Ping.INSTANCE);
            fixture.tick(PING_TIMEOUT);
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.POLICY);
        }

        @Test
        @DisplayName("a PING from the client is answered PING_RESP")
        void aClientPingIsAnsweredPingResp() {
            Client c = loggedIn(2);
            c.send(Ping.INSTANCE);
            assertThat(c.received()).containsExactly(PingResp.INSTANCE);
        }
    }

    @Nested
    @DisplayName("seed 002 §2 断开连接命令, docs 'Connection rules: DISCONNECT'")
    class ClientDisconnect {

        @Test
        @DisplayName("DISCONNECT from the client closes NORMAL without an answer and ends the session")
        void disconnectClosesNormalWithoutAnswer() {
            Client c = loggedIn(2);
            c.send(Disconnect.INSTANCE);
            assertThat(c.received()).isEmpty();
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.NORMAL);
            assertThat(log.at(Level.INFO)).isEmpty();

            MessageId id = publish(loggedIn(3), 2, HELLO);
            assertThat(c.received()).isEmpty();
            assertThat(pendingFor(2, id)).isTrue();
            Client again = client();   // the session is gone: under "refuse" the user may log in again
            again.send(new Connect("user2", "pw"));
            assertThat(again.frames()).containsExactly(new ConnectAck(ConnectCode.ACCEPTED), new Push(id, HELLO));
        }
    }

    @Nested
    @DisplayName("seed 002 §4 tcp接口, docs 'Over TCP: Trusted listeners'")
    class Trusted {

        @Test
        @DisplayName("publishes without CONNECT as the system user, acknowledged after the commit")
        void aTrustedConnectionPublishesAsTheSystemUser() {
            Client server = new Client(true);
            Client recipient = client().login(2, Connect.FLAG_RICH_PUSH);
            fixture.store.autoCommit = false;
            MessageId id = MessageId.random();
            server.send(new Publish(2, id, HELLO));
            assertThat(server.received()).isEmpty();
            fixture.store.commit();
            assertThat(server.received()).containsExactly(new PubAck(id));
            assertThat(recipient.received()).singleElement().isInstanceOfSatisfying(RichPush.class,
                    p -> assertThat(p.fromUid()).isEqualTo(MessagingCore.SYSTEM_UID));
        }

        @Test
        @DisplayName("the system user writes to a group it is not a member of")
        void theSystemUserWritesToAnyGroup() {
            fixture.group(10, 2, 3);
            Client server = new Client(true);
            MessageId id = MessageId.random();
            server.send(new GroupPublish(10, id, HELLO));
            assertThat(server.received()).containsExactly(new GroupPubAck(id));
        }

        @Test
        @DisplayName("no login deadline and no PINGs; a PING is answered")
        void noLoginDeadlineNoPings() {
            Client server = new Client(true);
            fixture.tick(CONNECT_TIMEOUT * 100);
            assertThat(server.sink.closed()).isFalse();
            assertThat(server.received()).isEmpty();
            server.send(Ping.INSTANCE);
            assertThat(server.received()).containsExactly(PingResp.INSTANCE);
        }

        @Test
        @DisplayName("any other frame before CONNECT is bad input: closed PROTOCOL_ERROR")
        void anotherFrameIsBadInput() {
            Client server = new Client(true);
            server.send(new PubAck(MessageId.random()));
            assertThat(server.sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
        }

        @Test
        @DisplayName("DISCONNECT closes NORMAL; a CONNECT makes it an ordinary session")
        void disconnectAndConnect() {
            Client server = new Client(true);
            server.send(Disconnect.INSTANCE);
            assertThat(server.sink.closedWith).isEqualTo(CloseKind.NORMAL);
            assertThat(server.frames()).isEmpty();

            Client other = new Client(true).login(2);
            fixture.tick(PING_INTERVAL);
            assertThat(other.received()).containsExactly(Ping.INSTANCE);
        }
    }

    @Nested
    @DisplayName("docs 'Bad input' and 'Over TCP: Limits'")
    class BadInput {

        @Test
        @DisplayName("a frame over the size limit: closed TOO_BIG")
        void anOversizedFrameClosesTooBig() {
            Client c = loggedIn(2);
            c.connection.onOversized(600_000, 524_288);
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.TOO_BIG);
            assertThat(c.received()).isEmpty();
        }

        @Test
        @DisplayName("a text WebSocket message: closed UNSUPPORTED_DATA")
        void aTextMessageClosesUnsupportedData() {
            Client c = client();
            c.connection.onUnsupported("a text message");
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.UNSUPPORTED_DATA);
        }

        @Test
        @DisplayName("a malformed frame after login: closed PROTOCOL_ERROR, logged once, the session ends")
        void aMalformedFrameAfterLoginClosesProtocolError() {
            Client c = loggedIn(2);
            c.connection.onMessage(new byte[] {0x07, 0x00});
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
            assertThat(log.messages(Level.INFO)).singleElement().asString().startsWith("MSV1001 Closing");
            loggedIn(2);
        }

        @Test
        @DisplayName("a second CONNECT after login: closed PROTOCOL_ERROR")
        void aSecondConnectClosesProtocolError() {
            Client c = loggedIn(2);
            c.send(new Connect("user2", "pw"));
            assertThat(c.received()).isEmpty();
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
        }
    }

    @Nested
    @DisplayName("docs 'Over TCP: Limits' (outbound-limit-bytes)")
    class Backpressure {

        @Test
        @DisplayName("before login: closed POLICY, nothing sent")
        void beforeLoginClosesPolicy() {
            Client c = client();
            c.connection.onBackpressure();
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.POLICY);
            assertThat(c.frames()).isEmpty();
        }

        @Test
        @DisplayName("after login: the session is disconnected (TOO_SLOW), its messages stay pending")
        void afterLoginDisconnectsTheSession() {
            Client c = loggedIn(2);
            MessageId id = publish(loggedIn(3), 2, HELLO);
            assertThat(c.received()).containsExactly(new Push(id, HELLO));
            c.connection.onBackpressure();
            assertThat(c.received()).containsExactly(Disconnect.INSTANCE);
            assertThat(c.sink.closedWith).isEqualTo(CloseKind.POLICY);
            assertThat(c.sink.closeReason).isEqualTo(io.missive.core.session.CloseReason.TOO_SLOW.text());
            assertThat(pendingFor(2, id)).isTrue();
        }
    }

    @Nested
    @DisplayName("issue 12: a task that throws closes the connection with the protocol's server-error answer")
    class ServerError {

        @Test
        @DisplayName("issue 17: the store's pending read fails as delivery starts: the connection stays, reads again, pushes in order")
        void aFailingStoreReadIsRetriedWithoutClosing() {
            MessageId id = publish(loggedIn(3), 2, HELLO);
            fixture.store.failReads = true;
            Client c = client();
            c.send(new Connect("user2", "pw"));
            assertThat(c.frames()).containsExactly(new ConnectAck(ConnectCode.ACCEPTED));
            assertThat(c.sink.closed()).isFalse();

            fixture.store.failReads = false;
            fixture.tick(1_000);
            assertThat(c.frames()).containsExactly(new ConnectAck(ConnectCode.ACCEPTED), new Push(id, HELLO));
            assertThat(log.messages(Level.WARNING)).isEmpty();
        }

        @Test
        @DisplayName("after the close nothing more is sent: no pushes, no PINGs, no answers")
        void nothingIsSentAfterTheClose() {
            Client c = loggedIn(2);
            c.connection.onBackpressure();
            c.received();
            c.send(Ping.INSTANCE);
            publish(loggedIn(3), 2, HELLO);
            fixture.tick(PING_INTERVAL * 3);
            c.connection.onClosed();
            assertThat(c.received()).isEmpty();
        }
    }
}
