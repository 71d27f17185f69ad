package io.missive.fishchat;

import io.missive.core.CoreFixture;
import io.missive.core.InMemoryNames;
import io.missive.core.OpenResult;
import io.missive.core.RecordingOutbound;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.Peer;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.core.session.EventLoop;
import io.missive.protocol.LogCapture;
import io.missive.protocol.ConnectionLifecycle;
import io.missive.protocol.RecordingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of FishChat's message server and gateway ({@code protocols/fishchat.md}, decisions.md
 * section FishChat), on the core's in-memory fixture and manual clock. Commands go in as the Go
 * client's bytes; what the connection sends is read back with the codec.
 */
class FishChatConnectionTest {

    static final long LOGIN_TIMEOUT = 10_000;
    static final String ADDRESS = "127.0.0.1:19000";
    static final long MESSAGE_TTL = 2 * 86_400_000L;

    final CoreFixture fixture = new CoreFixture(DuplicateLoginPolicy.REFUSE);
    final InMemoryNames names = new InMemoryNames(fixture);
    final LogCapture log = new LogCapture(FishChatConnection.class);
    final LogCapture closes = new LogCapture(ConnectionLifecycle.class);
    boolean createUnknown = true;
    boolean requireToken;

    @AfterEach
    void stopCapture() {
        log.close();
        closes.close();
    }

    FishChatSettings settings() {
        return new FishChatSettings(LOGIN_TIMEOUT, createUnknown, requireToken, DuplicateLoginPolicy.REPLACE,
                Optional.empty(), MESSAGE_TTL);
    }

    /** Tokens "token-<uid>" are valid. */
    static Optional<Long> verify(String token) {
        return token.startsWith("token-") ? Optional.of(Long.parseLong(token.substring(6))) : Optional.empty();
    }

    /** One FishChat client's side of a connection. */
    final class Client {
        final RecordingSink<ByteBuffer> sink = new RecordingSink<>();
        final FishChatConnection connection;
        private int read;
        /** The id it logged in with. */
        private String id;

        Client() {
            this(null);
        }

        /** A client whose transport offers {@code loop} as its event loop (null: none). */
        Client(EventLoop loop) {
            sink.loop = loop;
            connection = new FishChatConnection(fixture.core, settings(), names, FishChatConnectionTest::verify, sink,
                    "tcp", ADDRESS);
        }

        Client send(String name, String... args) {
            ByteBuffer body = FishChatCodec.encode(name, args);   // the Go client's bytes
            byte[] bytes = new byte[body.remaining()];
            body.get(bytes);
            return raw(bytes);
        }

        Client raw(byte[] frame) {
            connection.onMessage(frame);
            return this;
        }

        /** {@code count} private messages from this client to {@code to}: {@code prefix}0, {@code prefix}1, ... */
        void sendNumbered(String to, String prefix, int count) {
            for (int i = 0; i < count; i++) {
                send(FishChatCommand.SEND_MESSAGE_P2P, to, prefix + i, id);
            }
        }

        Client login(String id) {
            this.id = id;
            return send(FishChatCommand.SEND_CLIENT_ID, id);
        }

        /** The frames sent since the last call. */
        List<FishChatCommand> frames() {
            List<FishChatCommand> frames = new ArrayList<>();
            for (; read < sink.sent.size(); read++) {
                ByteBuffer body = sink.sent.get(read).duplicate();
                byte[] bytes = new byte[body.remaining()];
                body.get(bytes);
                assertThat(bytes[bytes.length - 1]).as("the Go server's newline").isEqualTo((byte) '\n');
                try {
                    frames.add(FishChatCodec.decode(bytes));
                } catch (MalformedCommandException e) {
                    throw new AssertionError(e);
                }
            }
            return frames;
        }

        /** Acknowledges every private message received so far, as the Go client does. */
        void acknowledge(List<FishChatCommand> received, String ownId) {
            received.stream().filter(f -> f.name().equals(FishChatCommand.RESP_MESSAGE_P2P))
                    .forEach(f -> send(FishChatCommand.P2P_ACK, ownId, f.arg(2)));
        }

        /**
         * Reads and acknowledges until nothing more comes, as the Go client does: every frame received,
         * in order, each read at most a window.
         */
        List<FishChatCommand> receiveAcknowledging(String ownId) {
            List<FishChatCommand> received = new ArrayList<>();
            for (List<FishChatCommand> batch = frames(); !batch.isEmpty(); batch = frames()) {
                assertThat(batch.size()).as("at most a window before acknowledgements").isLessThanOrEqualTo(256);
                received.addAll(batch);
                acknowledge(batch, ownId);
            }
            return received;
        }

        boolean closed() {
            return sink.closed();
        }
    }

    static FishChatCommand p2p(String msg, String from, String uuid) {
        return FishChatCommand.of(FishChatCommand.RESP_MESSAGE_P2P, msg, from, uuid);
    }

    static FishChatCommand topic(String topic, String msg, String from) {
        return FishChatCommand.of(FishChatCommand.RESP_MESSAGE_TOPIC, topic, msg, from);
    }

    /** The dropped-command lines logged so far. */
    List<String> drops() {
        return log.messages(Level.INFO).stream().filter(m -> m.startsWith("MSV1021")).toList();
    }

    @Nested
    @DisplayName("Client ↔ msg_server: SEND_CLIENT_ID, SEND_MESSAGE_P2P, P2P_ACK")
    class PrivateMessages {

        @Test
        @DisplayName("two clients exchange private messages both ways; the sender gets nothing back")
        void twoClientsExchangeBothWays() {
            Client alice = new Client().login("alice");
            Client bob = new Client().login("bob");
            alice.send(FishChatCommand.SEND_MESSAGE_P2P, "bob", "hi bob", "alice");
            bob.send(FishChatCommand.SEND_MESSAGE_P2P, "alice", "hi alice", "bob");

            List<FishChatCommand> toBob = bob.frames();
            assertThat(toBob).singleElement().satisfies(f -> {
                assertThat(f.name()).isEqualTo(FishChatCommand.RESP_MESSAGE_P2P);
                assertThat(f.args()).hasSize(3).startsWith("hi bob", "alice");
                assertThat(f.arg(2)).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            });
            assertThat(alice.frames()).singleElement().satisfies(f -> assertThat(f.args()).startsWith("hi alice", "bob"));
            assertThat(fixture.store.pending(names.uids.get("bob"), java.util.Map.of(), 10)).hasSize(1);
        }

        @Test
        @DisplayName("a message to a client offline is delivered after its next SEND_CLIENT_ID")
        void offlineDeliveryAtTheNextLogin() {
            new Client().login("bob").connection.onClosed();
            Client alice = new Client().login("alice");
            alice.send(FishChatCommand.SEND_MESSAGE_P2P, "bob", "while you were out", "alice");
            assertThat(alice.frames()).isEmpty();

            Client bob = new Client().login("bob");
            assertThat(bob.frames()).singleElement().satisfies(f -> assertThat(f.args()).startsWith("while you were out", "alice"));
        }

        @Test
        @DisplayName("an acknowledged message is not sent again at the next login; an unacknowledged one is, with its uuid")
        void unacknowledgedMessagesComeAgainAtTheNextLoginOnly() {
            Client bob = new Client().login("bob");
            Client alice = new Client().login("alice");
            alice.send(FishChatCommand.SEND_MESSAGE_P2P, "bob", "one", "alice");
            alice.send(FishChatCommand.SEND_MESSAGE_P2P, "bob", "two", "alice");
            List<FishChatCommand> first = bob.frames();
            assertThat(first).hasSize(2);
            bob.send(FishChatCommand.P2P_ACK, "bob", first.get(0).arg(2));
            fixture.tick(60_000);
            assertThat(bob.frames()).as("never resent on the connection").isEmpty();
            assertThat(bob.closed()).isFalse();
            bob.connection.onClosed();

            Client again = new Client().login("bob");
            assertThat(again.frames()).containsExactly(p2p("two", "alice", first.get(1).arg(2)));
            again.acknowledge(List.of(first.get(1)), "bob");
            again.connection.onClosed();
            assertThat(new Client().login("bob").frames()).isEmpty();
        }

        @Test
        @DisplayName("a client that never acknowledges (the Android client) gets a window at once, the rest once the "
                + "window has waited the resend interval, and it all again at the next login")
        void aClientThatNeverAcknowledgesIsNotStalled() {
            int count = 600;   // the fixture's window is 256, its resend interval 2 s
            Client android = new Client().login("android");
            Client alice = new Client().login("alice");
            alice.sendNumbered("android", "m", count);
            assertThat(android.frames()).as("a full window waits for acknowledgements").hasSize(256);
            fixture.tick(1_000);
            assertThat(android.frames()).as("for the resend interval").isEmpty();
            fixture.tick(1_100);
            assertThat(android.frames()).as("then the rest, without waiting").hasSize(count - 256);
            alice.send(FishChatCommand.SEND_MESSAGE_P2P, "android", "later", "alice");
            assertThat(android.frames()).as("and so on for the session").hasSize(1);
            android.connection.onClosed();
            List<FishChatCommand> again = new Client().login("android").frames();
            assertThat(again).hasSize(256);
            assertThat(again.get(0).arg(0)).isEqualTo("m0");
        }

        @Test
        @DisplayName("a client that acknowledges what it receives is sent a window at a time, and nothing comes again "
                + "at the next login, however many were sent at once")
        void aClientThatAcknowledgesKeepsItsCursorMoving() {
            int count = 600;
            Client bob = new Client().login("bob");
            Client alice = new Client().login("alice");
            alice.sendNumbered("bob", "m", count);
            List<FishChatCommand> received = bob.receiveAcknowledging("bob");
            assertThat(received).hasSize(count);
            assertThat(received.get(count - 1).arg(0)).isEqualTo("m" + (count - 1));
            bob.connection.onClosed();
            assertThat(new Client().login("bob").frames()).as("every acknowledgement counted").isEmpty();
        }

        @Test
        @DisplayName("more than a window waiting at login: a client that acknowledges gets it all, once")
        void aBacklogLargerThanTheWindowIsDeliveredOnceToAClientThatAcknowledges() {
            int count = 1_200;   // more than two pages of 500
            new Client().login("bob").connection.onClosed();
            Client alice = new Client().login("alice");
            alice.sendNumbered("bob", "m", count);
            Client bob = new Client().login("bob");
            assertThat(bob.receiveAcknowledging("bob")).hasSize(count);
            bob.connection.onClosed();
            assertThat(new Client().login("bob").frames()).isEmpty();
        }

        @Test
        @DisplayName("a client that stops acknowledging is pushed to without waiting once its window has waited "
                + "the resend interval, and waited for again once it acknowledges")
        void aClientThatStopsAcknowledgingIsNotWaitedForUntilItAcknowledgesAgain() {
            Client bob = new Client().login("bob");
            Client alice = new Client().login("alice");
            alice.sendNumbered("bob", "m", 300);
            assertThat(bob.frames()).hasSize(256);
            fixture.tick(2_100);
            List<FishChatCommand> rest = bob.frames();
            assertThat(rest).as("no longer waited for").hasSize(44);
            bob.acknowledge(rest, "bob");
            alice.sendNumbered("bob", "n", 300);
            assertThat(bob.frames()).as("acknowledging again: a window at a time").hasSizeLessThanOrEqualTo(256);
        }

        @Test
        @DisplayName("an unacknowledged message is kept two days, as FishChat kept offline messages, then no more")
        void messagesLiveTwoDays() {
            new Client().login("bob").connection.onClosed();
            new Client().login("alice").send(FishChatCommand.SEND_MESSAGE_P2P, "bob", "old news", "alice");
            fixture.tick(MESSAGE_TTL - 1_000);
            Client early = new Client().login("bob");
            assertThat(early.frames()).hasSize(1);
            early.connection.onClosed();
            fixture.tick(2_000);
            assertThat(new Client().login("bob").frames()).isEmpty();
        }

        @Test
        @DisplayName("a message from another protocol's client arrives with its sender's name")
        void aMessageFromAnotherProtocolShowsItsSendersName() {
            Client bob = new Client().login("bob");
            RecordingOutbound user1 = open(1);
            fixture.core.publish(fixture.core.sessions().sessionsOf(1)[0],
                    io.missive.core.Publication.of(io.missive.core.model.MessageId.random(),
                            new io.missive.core.model.Target.User(names.uids.get("bob")), "from binary".getBytes()),
                    new NoOpCallback());
            assertThat(bob.frames()).singleElement().satisfies(f -> assertThat(f.args()).startsWith("from binary", "user1"));
            assertThat(user1.pushes).isEmpty();
        }

        @Test
        @DisplayName("SEND_PING is accepted silently, before and after the login")
        void pingsAreNotAnswered() {
            Client alice = new Client().send(FishChatCommand.SEND_PING, "PING").login("alice")
                    .send(FishChatCommand.SEND_PING, "PING");
            assertThat(alice.frames()).isEmpty();
            assertThat(alice.closed()).isFalse();
            assertThat(drops()).isEmpty();
        }
    }

    @Nested
    @DisplayName("Client ↔ msg_server: CREATE_TOPIC, JOIN_TOPIC, SEND_MESSAGE_TOPIC")
    class Topics {

        @Test
        @DisplayName("create (no answer), join (LOCATE_TOPIC_MSG_ADDR next), send: every member gets it, the sender too")
        void createJoinAndSendReachEveryMemberAndTheSender() {
            Client alice = new Client().login("alice").send(FishChatCommand.CREATE_TOPIC, "room1");
            assertThat(alice.frames()).isEmpty();
            Client bob = new Client().login("bob").send(FishChatCommand.JOIN_TOPIC, "room1", "bob");
            assertThat(bob.frames()).containsExactly(
                    FishChatCommand.of(FishChatCommand.LOCATE_TOPIC_MSG_ADDR, ADDRESS, "room1"));

            alice.send(FishChatCommand.SEND_MESSAGE_TOPIC, "room1", "hi all");
            assertThat(alice.frames()).containsExactly(topic("room1", "hi all", "alice"));
            assertThat(bob.frames()).containsExactly(topic("room1", "hi all", "alice"));
        }

        @Test
        @DisplayName("a member of the same group on another protocol gets the message in its own form")
        void aMemberOnAnotherProtocolReceivesToo() {
            Client alice = new Client().login("alice").send(FishChatCommand.CREATE_TOPIC, "room1");
            names.join(names.groupIds.get("room1"), 3);
            RecordingOutbound user3 = open(3);
            alice.send(FishChatCommand.SEND_MESSAGE_TOPIC, "room1", "to everyone");
            assertThat(user3.payloads()).containsExactly("to everyone");
        }

        @Test
        @DisplayName("a member offline gets the topic's messages at its next login")
        void offlineMembersGetTopicMessagesAtTheirNextLogin() {
            Client alice = new Client().login("alice").send(FishChatCommand.CREATE_TOPIC, "room1");
            Client bob = new Client().login("bob").send(FishChatCommand.JOIN_TOPIC, "room1", "bob");
            bob.connection.onClosed();
            alice.send(FishChatCommand.SEND_MESSAGE_TOPIC, "room1", "missed it");

            Client back = new Client().login("bob");
            assertThat(back.frames()).containsExactly(topic("room1", "missed it", "alice"));
            back.connection.onClosed();
            assertThat(new Client().login("bob").frames()).as("counted delivered once written").isEmpty();
        }

        @Test
        @DisplayName("JOIN_TOPIC of a topic nobody created: no answer, logged")
        void joiningAnUnknownTopicIsNotAnswered() {
            Client bob = new Client().login("bob").send(FishChatCommand.JOIN_TOPIC, "nowhere", "bob");
            assertThat(bob.frames()).isEmpty();
            assertThat(drops()).singleElement().asString().contains("nowhere");
            assertThat(names.groupIds).doesNotContainKey("nowhere");
        }

        @Test
        @DisplayName("SEND_MESSAGE_TOPIC by a client that is not a member is dropped")
        void aNonMemberCannotSendToATopic() {
            new Client().login("alice").send(FishChatCommand.CREATE_TOPIC, "room1");
            Client mallory = new Client().login("mallory").send(FishChatCommand.SEND_MESSAGE_TOPIC, "room1", "spam");
            assertThat(mallory.frames()).isEmpty();
            assertThat(drops()).singleElement().asString().contains("refused");
        }
    }

    @Nested
    @DisplayName("On the transport's event loop: what reads the directory goes on on the pool, in order")
    class OnTheEventLoop {

        Client onTheLoop(String id) {
            return new Client(CoreFixture.CALLERS_LOOP).login(id);
        }

        @AfterEach
        void nothingWasReadOnTheLoop() {
            assertThat(names.readsOnAnEventLoop).isZero();
            assertThat(fixture.store.readsOnAnEventLoop).isZero();
        }

        @Test
        @DisplayName("a message and its acknowledgement stay on the loop once the names are known; a new name is read on the pool")
        void messagesAndAcknowledgementsStayOnTheLoop() {
            fixture.usersCached = true;
            Client alice = onTheLoop("user1");
            Client bob = onTheLoop("user2");
            fixture.holdTasks = true;   // the mailbox pool: what arrives now ran on the loop

            alice.send(FishChatCommand.SEND_MESSAGE_P2P, "user2", "first", "user1");
            assertThat(bob.frames()).as("the recipient's name is read on the pool").isEmpty();
            fixture.runHeldTasks();
            List<FishChatCommand> first = bob.frames();
            assertThat(first).singleElement().satisfies(f -> assertThat(f.args()).startsWith("first", "user1"));
            bob.acknowledge(first, "user2");

            alice.send(FishChatCommand.SEND_MESSAGE_P2P, "user2", "second", "user1");
            List<FishChatCommand> second = bob.frames();
            assertThat(second).as("on the loop, the pool held").singleElement()
                    .satisfies(f -> assertThat(f.args()).startsWith("second", "user1"));
            bob.acknowledge(second, "user2");
            assertThat(fixture.store.pending(2, java.util.Map.of(), 10)).as("both acknowledged").isEmpty();
            fixture.holdTasks = false;
        }

        @Test
        @DisplayName("a catch-up whose sender's name is not cached is written on the pool, every push in order")
        void aCatchUpWaitsForTheSendersNameInOrder() {
            Client carol = onTheLoop("user3");
            for (String text : List.of("m1", "m2", "m3")) {
                carol.send(FishChatCommand.SEND_MESSAGE_P2P, "user2", text, "user3");
            }
            fixture.holdPageReads = true;
            Client bob = onTheLoop("user2");
            fixture.runPageReads();   // the page arrives on the loop: the sender's name is not cached

            assertThat(bob.frames()).extracting(f -> f.arg(0) + " from " + f.arg(1))
                    .containsExactly("m1 from user3", "m2 from user3", "m3 from user3");
        }

        @Test
        @DisplayName("a topic message: the sender's copy on the loop, a member's push once the topic's name is known")
        void topicMessagesOnTheLoop() {
            Client alice = onTheLoop("user1");
            Client bob = onTheLoop("user2");
            alice.send(FishChatCommand.CREATE_TOPIC, "news");
            bob.send(FishChatCommand.JOIN_TOPIC, "news", "user2");
            bob.frames();
            fixture.holdTasks = true;

            alice.send(FishChatCommand.SEND_MESSAGE_TOPIC, "news", "one");
            assertThat(alice.frames()).containsExactly(topic("news", "one", "user1"));
            assertThat(bob.frames()).as("the topic's name is read on the pool").isEmpty();
            fixture.runHeldTasks();
            assertThat(bob.frames()).containsExactly(topic("news", "one", "user1"));

            alice.send(FishChatCommand.SEND_MESSAGE_TOPIC, "news", "two");
            assertThat(bob.frames()).containsExactly(topic("news", "two", "user1"));
            fixture.holdTasks = false;
        }
    }

    @Nested
    @DisplayName("Login: SEND_CLIENT_ID")
    class Login {

        @Test
        @DisplayName("an unknown id gets an account at its first login")
        void anUnknownIdGetsAnAccount() {
            new Client().login("newcomer");
            assertThat(names.uids).containsKey("newcomer");
        }

        @Test
        @DisplayName("with create-unknown off, an unknown id is closed without a frame")
        void unknownIdsRefusedBySetting() {
            createUnknown = false;
            Client stranger = new Client().login("stranger");
            assertThat(stranger.closed()).isTrue();
            assertThat(stranger.frames()).isEmpty();
            assertThat(names.uids).doesNotContainKey("stranger");
            assertThat(closes.messages(Level.INFO)).singleElement().asString().startsWith("MSV1003");
        }

        @Test
        @DisplayName("a disabled account and an id that cannot be a user name are closed without a frame")
        void disabledAndInvalidIdsAreClosed() {
            names.disabled.add("user4");
            assertThat(new Client().login("user4").closed()).isTrue();
            assertThat(new Client().login("has space").closed()).isTrue();
            assertThat(new Client().login("x".repeat(65)).closed()).isTrue();
        }

        @Test
        @DisplayName("where a token is required: \"<id>:<token>\" with the id's own token logs in; anything else is closed")
        void accessTokensWhereRequired() {
            requireToken = true;
            assertThat(new Client().login("user2:token-2").closed()).isFalse();
            assertThat(new Client().login("user3").closed()).as("no token").isTrue();
            assertThat(new Client().login("user3:token-2").closed()).as("another's token").isTrue();
            assertThat(new Client().login("user3:forged").closed()).as("an invalid token").isTrue();
            assertThat(new Client().login("newcomer:token-2").closed()).as("no account is made").isTrue();
            assertThat(names.uids).doesNotContainKey("newcomer");
        }

        @Test
        @DisplayName("a second login of the same id replaces the first, as FishChat did")
        void aSecondLoginReplacesTheFirst() {
            Client first = new Client().login("alice");
            Client second = new Client().login("alice");
            assertThat(first.closed()).isTrue();
            assertThat(first.frames()).as("no goodbye frame").isEmpty();
            assertThat(second.closed()).isFalse();
        }

        @Test
        @DisplayName("no SEND_CLIENT_ID within the login timeout: closed")
        void theLoginHasADeadline() {
            Client silent = new Client();
            fixture.tick(LOGIN_TIMEOUT + 200);
            assertThat(silent.closed()).isTrue();
            assertThat(silent.frames()).isEmpty();
        }
    }

    @Nested
    @DisplayName("Bad input: dropped with one log line, never answered; nobody else affected")
    class BadInput {

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
                "not json",
                "{\"CmdName\":\"SEND_MESSAGE_P2P\"}",
                "{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":\"bob\"}",
                "{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":[\"bob\",1,\"alice\"]}",
                "{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":[\"bob\",\"hi\"]}",
                "{\"CmdName\":\"GET_HISTORY\",\"Args\":[]}",
                "{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":[\"bob\",\"hi\",\"carol\"]}",
                "{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":[\"nobody\",\"hi\",\"alice\"]}",
                "{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":[\"alice\",\"to myself\",\"alice\"]}",
                "{\"CmdName\":\"JOIN_TOPIC\",\"Args\":[\"room1\",\"bob\"]}",
                "{\"CmdName\":\"CREATE_TOPIC\",\"Args\":[\"\"]}",
                "{\"CmdName\":\"SEND_CLIENT_ID\",\"Args\":[\"carol\"]}",
                ""})
        void aBadCommandIsDroppedAndLoggedOnce(String body) {
            Client bob = new Client().login("bob");
            Client alice = new Client().login("alice");
            alice.raw(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            alice.raw(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));

            assertThat(alice.frames()).isEmpty();
            assertThat(alice.closed()).isFalse();
            assertThat(drops()).as("one INFO line however often").hasSize(1);
            assertThat(bob.frames()).isEmpty();
            alice.send(FishChatCommand.SEND_MESSAGE_P2P, "bob", "still fine", "alice");
            assertThat(bob.frames()).singleElement().satisfies(f -> assertThat(f.arg(0)).isEqualTo("still fine"));
            assertThat(names.uids).doesNotContainKey("nobody");
        }

        @Test
        @DisplayName("a command before the login is dropped, and the login still works")
        void aCommandBeforeTheLoginIsDropped() {
            Client early = new Client().send(FishChatCommand.SEND_MESSAGE_P2P, "bob", "hi", "alice");
            assertThat(drops()).singleElement().asString().contains("before SEND_CLIENT_ID");
            assertThat(early.closed()).isFalse();
            early.login("alice");
            assertThat(early.frames()).isEmpty();
            assertThat(fixture.store.pending(names.uids.getOrDefault("bob", 0L), java.util.Map.of(), 10)).isEmpty();
        }
    }

    @Nested
    @DisplayName("Client ↔ gateway: REQ_MSG_SERVER")
    class Gateway {
        final RecordingSink<ByteBuffer> sink = new RecordingSink<>();
        final FishChatGatewayConnection gateway = new FishChatGatewayConnection(fixture.core, settings(), sink, "tcp",
                () -> ADDRESS);

        @Test
        @DisplayName("answered with one SELECT_MSG_SERVER_FOR_CLIENT and closed; anything before is ignored")
        void oneAnswerThenClose() {
            gateway.onMessage("garbage".getBytes());
            gateway.onMessage(bytes(FishChatCodec.encode(FishChatCommand.SEND_PING, "PING")));
            assertThat(sink.sent).isEmpty();
            gateway.onMessage("{\"CmdName\":\"REQ_MSG_SERVER\",\"Args\":[]}".getBytes());   // the Gson form
            assertThat(sink.sent).singleElement().satisfies(b -> assertThat(FishChatCodecTest.text(b))
                    .isEqualTo("{\"CmdName\":\"SELECT_MSG_SERVER_FOR_CLIENT\",\"Args\":[\"127.0.0.1:19000\"]}\n"));
            assertThat(sink.closed()).isTrue();
        }

        @Test
        @DisplayName("a client that asks nothing is closed after the login timeout")
        void silentClientsAreClosed() {
            fixture.tick(LOGIN_TIMEOUT + 200);
            assertThat(sink.closed()).isTrue();
            assertThat(sink.sent).isEmpty();
        }

        static byte[] bytes(ByteBuffer buffer) {
            byte[] out = new byte[buffer.remaining()];
            buffer.duplicate().get(out);
            return out;
        }
    }

    /** A core session of another protocol's client for uid. */
    RecordingOutbound open(long uid) {
        RecordingOutbound out = new RecordingOutbound();
        OpenResult result = fixture.core.open(uid, "user" + uid, new Peer("binary", "test", "127.0.0.1:1", ConnectionKind.USER),
                out, fixture.core.newMailbox());
        ((OpenResult.Opened) result).session().start();
        return out;
    }

    static final class NoOpCallback implements io.missive.core.PublishCallback {
        @Override
        public void accepted(io.missive.core.model.Message stored) {
        }

        @Override
        public void refused(io.missive.core.Refusal refusal, String detail) {
            throw new AssertionError(detail);
        }
    }
}
