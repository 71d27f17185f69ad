package io.missive.protocol;

import io.missive.core.CoreFixture;
import io.missive.core.CoreSettings;
import io.missive.core.auth.LoginThrottle;
import io.missive.core.session.DeliverySettings;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.core.auth.LoginFailure;
import io.missive.core.model.Message;
import io.missive.core.session.CloseReason;
import io.missive.transport.CloseKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle every protocol shares (issue 12: "one base that owns, once: the login deadline,
 * backpressure, close-once with one INFO line naming the peer, and a guard around every mailbox
 * task"), on a tiny line protocol of strings.
 */
class ProtocolConnectionTest {

    static final long LOGIN_TIMEOUT = 1_000;
    static final long TICK_EVERY = 100;

    final CoreFixture fixture = new CoreFixture();
    final LogCapture log = new LogCapture(ConnectionLifecycle.class);
    final RecordingSink<String> sink = new RecordingSink<>("10.0.0.7:5555");
    final LineConnection connection = new LineConnection();

    @AfterEach
    void stopCapture() {
        log.close();
    }

    /**
     * "login" opens (and arms a timer every 100 ms), "refuse" refuses the login (as "refuse-duplicate"
     * for a user connected already), "throw" throws,
     * "close" closes for a fault, "close-then-throw" does both; anything else is echoed.
     */
    final class LineConnection extends ProtocolConnection<String, String> {
        int timers;
        int transportClosedCalls;

        LineConnection() {
            this(fixture, sink, LOGIN_TIMEOUT);
        }

        /** A connection on another core, or to another peer, or without a login deadline (0). */
        LineConnection(CoreFixture on, RecordingSink<String> to, long loginTimeout) {
            super(on.core, to, "line", "test", new Login("LOGIN", loginTimeout));
        }

        /** Lines starting "quick" are handled without blocking, on the transport's loop if it has one. */
        @Override
        protected boolean handlesWithoutBlocking(String message) {
            return message.startsWith("quick");
        }

        @Override
        protected void handle(String message) {
            switch (message) {
                case "login" -> {
                    opened();
                    wakeAt(core.clock().millis() + TICK_EVERY);
                    send("welcome");
                }
                case "refuse" -> refuseLogin(LoginFailure.BAD_CREDENTIALS, "test");
                case "refuse-duplicate" -> refuseLogin(LoginFailure.DUPLICATE, "test");
                case "throw" -> throw new IllegalStateException("boom");
                case "close" -> closeConnection(CloseKind.PROTOCOL_ERROR, "bad line", List.of("bye"));
                case "close-then-throw" -> {
                    closeConnection(CloseKind.PROTOCOL_ERROR, "bad line", List.of("bye"));
                    throw new IllegalStateException("boom after close");
                }
                default -> send("echo " + message);
            }
        }

        @Override
        protected List<String> loginRefused(LoginFailure failure) {
            return List.of("refused " + failure);
        }

        @Override
        protected List<String> serverError() {
            return List.of("server error");
        }

        @Override
        protected List<String> farewell(CloseReason reason) {
            return List.of("farewell " + reason);
        }

        @Override
        protected long onTimer(long nowMillis) {
            timers++;
            return nowMillis + TICK_EVERY;
        }

        @Override
        protected void transportClosed() {
            transportClosedCalls++;
        }

        @Override
        public void push(Message message) {
            send("push");
        }
    }

    @Test
    @DisplayName("on a transport with an event loop, non-blocking messages run on it at once; the order holds")
    void nonBlockingMessagesRunOnTheTransportsLoopInOrder() {
        RecordingSink<String> onLoop = new RecordingSink<>("10.0.0.8:5555");
        onLoop.loop = CoreFixture.CALLERS_LOOP;   // the test thread stands for the transport's I/O thread
        LineConnection line = new LineConnection(fixture, onLoop, LOGIN_TIMEOUT);
        fixture.holdTasks = true;   // the mailbox pool: what runs now ran on the loop

        line.onMessage("quick 1");
        assertThat(onLoop.sent).containsExactly("echo quick 1");

        line.onMessage("slow");
        line.onMessage("quick 2");
        assertThat(onLoop.sent).as("behind a task that may block, on the pool").containsExactly("echo quick 1");

        fixture.runHeldTasks();
        assertThat(onLoop.sent).containsExactly("echo quick 1", "echo slow", "echo quick 2");
        fixture.holdTasks = false;
    }

    @Test
    @DisplayName("close happens once, with one INFO line naming the peer, however many reasons arrive")
    void closeHappensOnceWithOneInfoLine() {
        connection.onMessage("close");
        connection.onOversized(10, 5);
        connection.onUnsupported("text");
        connection.onBackpressure();
        connection.close(CloseReason.KICKED);
        connection.onMessage("throw");
        fixture.tick(LOGIN_TIMEOUT);

        assertThat(sink.sent).containsExactly("bye");
        assertThat(sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
        assertThat(log.messages(Level.INFO)).singleElement().asString()
                .startsWith("MSV1001 Closing line connection test://10.0.0.7:5555")
                .endsWith("bad line");
        assertThat(log.at(Level.WARNING)).isEmpty();
    }

    @Test
    @DisplayName("a server-side close sends the protocol's farewell, then closes with the reason's kind")
    void aServerCloseSendsTheFarewell() {
        connection.onMessage("login");
        connection.close(CloseReason.SHUTDOWN);
        connection.close(CloseReason.KICKED);
        assertThat(sink.sent).containsExactly("welcome", "farewell SHUTDOWN");
        assertThat(sink.closedWith).isEqualTo(CloseKind.GOING_AWAY);
        assertThat(log.messages(Level.INFO)).hasSize(1);
    }

    @Test
    @DisplayName("a task that throws is logged once (WARNING, with the peer) and answered with serverError()")
    void aThrowingTaskIsLoggedOnceAndAnsweredServerError() {
        connection.onMessage("login");
        connection.onMessage("throw");
        connection.onMessage("throw");
        connection.onMessage("more");

        assertThat(sink.sent).containsExactly("welcome", "server error");
        assertThat(sink.closedWith).isEqualTo(CloseKind.SERVER_ERROR);
        assertThat(log.at(Level.WARNING)).singleElement().satisfies(r -> {
            assertThat(r.getMessage()).startsWith("MSV1002 A task failed on line connection test://10.0.0.7:5555");
            assertThat(r.getThrown()).hasMessage("boom");
        });
        assertThat(log.at(Level.INFO)).isEmpty();
    }

    @Test
    @DisplayName("a task that throws after it closed the connection: logged, no second answer or close")
    void aTaskThrowingAfterItsCloseIsOnlyLogged() {
        connection.onMessage("close-then-throw");
        assertThat(sink.sent).containsExactly("bye");
        assertThat(sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
        assertThat(log.messages(Level.WARNING)).singleElement().asString().contains("as it closed");
        assertThat(log.messages(Level.INFO)).hasSize(1);
    }

    @Test
    @DisplayName("onClosed after a server close logs nothing more")
    void onClosedAfterAServerCloseDoesNotLogAgain() {
        connection.onMessage("close");
        connection.onClosed();
        connection.onClosed();
        assertThat(log.messages(Level.INFO)).hasSize(1);
        assertThat(log.at(Level.FINE)).isEmpty();
        assertThat(connection.transportClosedCalls).isGreaterThanOrEqualTo(1);
        assertThat(fixture.core.deadlines().size()).isZero();
    }

    @Test
    @DisplayName("the peer closing first is logged at FINE only, and sends nothing")
    void thePeerClosingIsNotAnInfoLine() {
        connection.onMessage("login");
        connection.onClosed();
        connection.onMessage("more");
        assertThat(sink.sent).containsExactly("welcome");
        assertThat(sink.closed()).isFalse();   // the transport is gone already
        assertThat(log.at(Level.INFO)).isEmpty();
        assertThat(log.messages(Level.FINE)).singleElement().asString().startsWith("The peer closed");
        assertThat(connection.transportClosedCalls).isEqualTo(1);
        fixture.tick(TICK_EVERY * 5);
        assertThat(connection.timers).isZero();
    }

    @Test
    @DisplayName("no login within the deadline: closed POLICY, one INFO line")
    void theLoginDeadline() {
        fixture.tick(LOGIN_TIMEOUT - 1);
        assertThat(sink.closed()).isFalse();
        fixture.tick(1);
        assertThat(sink.closedWith).isEqualTo(CloseKind.POLICY);
        assertThat(sink.sent).isEmpty();
        assertThat(log.messages(Level.INFO)).singleElement().asString().contains("no LOGIN within 1000 ms");
    }

    @Test
    @DisplayName("the timer calls onTimer once due, and re-arms with its answer; the login deadline is gone")
    void theTimerCallsOnTimerAndReArms() {
        connection.onMessage("login");
        fixture.tick(TICK_EVERY - 1);
        assertThat(connection.timers).isZero();
        fixture.tick(1);
        assertThat(connection.timers).isEqualTo(1);
        fixture.tick(TICK_EVERY - 1);
        assertThat(connection.timers).isEqualTo(1);
        fixture.tick(1);
        assertThat(connection.timers).isEqualTo(2);
        fixture.tick(LOGIN_TIMEOUT);
        assertThat(sink.closed()).isFalse();
    }

    @Test
    @DisplayName("a refused login sends the protocol's answer, then closes; one MSV1003 line, no MSV1001")
    void aRefusedLogin() {
        connection.onMessage("refuse");
        connection.onMessage("login");
        assertThat(sink.sent).containsExactly("refused BAD_CREDENTIALS");
        assertThat(sink.closed()).isTrue();
        assertThat(log.messages(Level.INFO)).singleElement().asString().startsWith("MSV1003 Login refused");
    }

    @Test
    @DisplayName("backpressure before login: closed POLICY without an answer")
    void backpressureBeforeLogin() {
        connection.onBackpressure();
        assertThat(sink.sent).isEmpty();
        assertThat(sink.closedWith).isEqualTo(CloseKind.POLICY);
    }

    @Test
    @DisplayName("issue 17: past 64 unhandled messages the transport stops reading, and reads again below 16")
    void aPeerSendingFasterThanItIsHandledIsNotRead() {
        connection.onMessage("login");
        fixture.holdTasks = true;
        for (int i = 1; i < 64; i++) {
            connection.onMessage("m" + i);
        }
        assertThat(sink.readingPaused).isFalse();
        connection.onMessage("m64");
        assertThat(sink.readingPaused).isTrue();

        fixture.holdTasks = false;
        fixture.runHeldTasks();
        assertThat(sink.readingPaused).isFalse();
        assertThat(sink.sent).hasSize(1 + 64).last().isEqualTo("echo m64");
        assertThat(sink.closed()).isFalse();
    }

    @Test
    @DisplayName("issue 17: a transport that stops reading is not closed for what one read already held")
    void aPausedTransportIsNotClosedForItsLastRead() {
        connection.onMessage("login");
        fixture.holdTasks = true;
        for (int i = 1; i <= 1_100; i++) {
            connection.onMessage("m" + i);   // one read of many small frames: all decoded before the pause bites
        }
        fixture.holdTasks = false;
        fixture.runHeldTasks();
        assertThat(sink.closed()).isFalse();
        assertThat(sink.sent).hasSize(1 + 1_100);
        assertThat(sink.readingPaused).isFalse();
    }

    @Test
    @DisplayName("issue 17: where the transport cannot stop reading, 1024 unhandled messages close the connection")
    void aTransportThatCannotPauseClosesAtTheHardLimit() {
        sink.canPause = false;
        connection.onMessage("login");
        fixture.holdTasks = true;
        for (int i = 1; i <= 1_100; i++) {
            connection.onMessage("m" + i);   // the recording sink keeps taking them, as a container WebSocket would
        }
        fixture.holdTasks = false;
        fixture.runHeldTasks();
        assertThat(sink.closedWith).isEqualTo(CloseKind.POLICY);
        assertThat(sink.sent).as("nothing after the close is handled").hasSizeLessThan(1 + 1_024);
        assertThat(log.messages(Level.INFO)).singleElement().asString().contains("1024 messages received and not yet handled");
    }

    /**
     * Issue 17: one address cannot hold more than {@code missive.connection.max-awaiting-login-per-address}
     * connections that have not logged in; logged-in connections and other addresses are not limited.
     */
    @Nested
    @DisplayName("connections awaiting their login, per address")
    class AwaitingLogins {

        final CoreFixture limited = new CoreFixture(new CoreSettings(DuplicateLoginPolicy.MULTIPLE,
                new DeliverySettings(256, 2_000, 3, 2_048, 500), 1_000, 0, CoreSettings.DEFAULT_INBOUND_BACKLOG,
                LoginThrottle.DEFAULT_PER_ADDRESS, LoginThrottle.DEFAULT_PER_USERNAME, 2, 0));

        Line connect(String address) {
            return new Line(address, LOGIN_TIMEOUT);
        }

        /** A connection to the limited core, with its own sink. */
        final class Line {
            final RecordingSink<String> sink;
            final LineConnection connection;

            Line(String address, long loginTimeout) {
                sink = new RecordingSink<>(address);
                connection = new LineConnection(limited, sink, loginTimeout);
            }

            void onMessage(String message) {
                connection.onMessage(message);
            }

            void onClosed() {
                connection.onClosed();
            }
        }

        @Test
        @DisplayName("past the limit a new connection from the address is closed at once, unread, with one MSV1022 line")
        void pastTheLimitANewConnectionIsRefused() {
            Line first = connect("10.0.0.1:1");
            Line second = connect("10.0.0.1:2");
            Line third = connect("10.0.0.1:3");
            assertThat(first.sink.closed()).isFalse();
            assertThat(second.sink.closed()).isFalse();
            assertThat(third.sink.closedWith).isEqualTo(CloseKind.POLICY);
            third.onMessage("hello");
            assertThat(third.sink.sent).isEmpty();
            assertThat(log.messages(Level.INFO)).singleElement().asString()
                    .startsWith("MSV1022 Refused line connection test://10.0.0.1:3: 2 connections from its address")
                    .contains("missive.connection.max-awaiting-login-per-address");
            assertThat(limited.observed.refusedAwaitingLogin).isEqualTo(1);
            assertThat(limited.core.deadlines().size()).as("no login deadline is kept for it").isEqualTo(2);

            assertThat(connect("10.0.0.2:1").sink.closed()).as("another address").isFalse();
        }

        @Test
        @DisplayName("a connection that logs in or closes gives its place back; logged-in ones are not counted")
        void aLoginOrACloseGivesThePlaceBack() {
            Line first = connect("10.0.0.1:1");
            Line second = connect("10.0.0.1:2");
            first.onMessage("login");
            Line third = connect("10.0.0.1:3");
            assertThat(third.sink.closed()).isFalse();
            second.onClosed();
            Line fourth = connect("10.0.0.1:4");
            assertThat(fourth.sink.closed()).isFalse();
            limited.tick(LOGIN_TIMEOUT);   // both reach their login deadline
            assertThat(third.sink.closedWith).isEqualTo(CloseKind.POLICY);
            assertThat(limited.core.awaitingLogins().count("10.0.0.1")).isZero();
            for (int i = 0; i < 2; i++) {
                assertThat(connect("10.0.0.1:" + (10 + i)).sink.closed()).isFalse();
            }
            assertThat(first.sink.closed()).isFalse();
            assertThat(limited.observed.refusedAwaitingLogin).isZero();
        }

        @Test
        @DisplayName("a transport asks before it sets anything up: refused (and counted) only once the address is full")
        void aTransportAsksBeforeSettingAnythingUp() {
            connect("10.0.0.1:1");
            assertThat(limited.core.refusesNewConnection("10.0.0.1", () -> "a test connection")).isFalse();
            connect("10.0.0.1:2");
            assertThat(limited.core.refusesNewConnection("10.0.0.1", () -> "a test connection")).isTrue();
            assertThat(limited.core.refusesNewConnection("10.0.0.2", () -> "a test connection")).isFalse();
            assertThat(limited.observed.refusedAwaitingLogin).isEqualTo(1);
            assertThat(limited.core.awaitingLogins().count("10.0.0.1")).as("nothing counted for it").isEqualTo(2);
        }

        @Test
        @DisplayName("a connection without a login deadline (a trusted server's) is not counted")
        void trustedConnectionsAreNotCounted() {
            for (int i = 0; i < 5; i++) {
                assertThat(new Line("10.0.0.1:" + i, 0).sink.closed()).isFalse();
            }
            assertThat(limited.core.awaitingLogins().count("10.0.0.1")).isZero();
        }
    }

    /**
     * Issue 17 (login floods): a refused login is answered after {@code missive.auth.failure-delay},
     * and meanwhile the connection still awaits its login, so one address gets at most
     * {@code max-awaiting-login-per-address} tries per delay.
     */
    @Nested
    @DisplayName("the login failure delay")
    class FailureDelay {

        static final long DELAY = 1_000;

        final CoreFixture delaying = new CoreFixture(new CoreSettings(DuplicateLoginPolicy.REFUSE,
                new DeliverySettings(256, 2_000, 3, 2_048, 500), 1_000, 0, CoreSettings.DEFAULT_INBOUND_BACKLOG,
                LoginThrottle.DEFAULT_PER_ADDRESS, LoginThrottle.DEFAULT_PER_USERNAME, 2, DELAY));

        /** A connection to the delaying core from {@code to}'s address, logging in slower than any delay here. */
        LineConnection connect(RecordingSink<String> to) {
            return new LineConnection(delaying, to, 10 * DELAY);
        }

        RecordingSink<String> connectAndRefuse(String address) {
            RecordingSink<String> to = new RecordingSink<>(address);
            connect(to).onMessage("refuse");
            return to;
        }

        @Test
        @DisplayName("the refusal is answered and closed once the delay has passed; nothing sent meanwhile is handled")
        void theRefusalWaitsForTheDelay() {
            RecordingSink<String> to = new RecordingSink<>("10.0.0.9:1");
            LineConnection line = connect(to);
            line.onMessage("refuse");
            line.onMessage("hello");
            delaying.tick(DELAY - TICK_EVERY);
            assertThat(to.sent).isEmpty();
            assertThat(to.closed()).isFalse();
            delaying.tick(TICK_EVERY);
            assertThat(to.sent).containsExactly("refused BAD_CREDENTIALS");
            assertThat(to.closedWith).isEqualTo(CloseKind.NORMAL);
            assertThat(log.messages(Level.INFO)).singleElement().asString()
                    .startsWith("MSV1003 Login refused on line connection test://10.0.0.9:1");
            delaying.tick(10 * DELAY);
            assertThat(to.sent).as("the login deadline no longer applies").hasSize(1);
        }

        @Test
        @DisplayName("while refusals wait, they count against the address's connections awaiting their login")
        void waitingRefusalsCountAgainstTheAddress() {
            RecordingSink<String> first = connectAndRefuse("10.0.0.1:1");
            RecordingSink<String> second = connectAndRefuse("10.0.0.1:2");
            RecordingSink<String> third = connectAndRefuse("10.0.0.1:3");
            assertThat(third.closedWith).as("refused at once: two refusals wait").isEqualTo(CloseKind.POLICY);
            assertThat(first.closed()).isFalse();
            assertThat(second.closed()).isFalse();
            delaying.tick(DELAY);
            assertThat(first.closedWith).isEqualTo(CloseKind.NORMAL);
            assertThat(second.closedWith).isEqualTo(CloseKind.NORMAL);
            assertThat(delaying.core.awaitingLogins().count("10.0.0.1")).isZero();
            assertThat(connectAndRefuse("10.0.0.1:4").closed()).as("the places are free again").isFalse();
        }

        @Test
        @DisplayName("a peer that closes while its refusal waits is forgotten: nothing sent, its place given back")
        void aPeerClosingDuringTheDelay() {
            RecordingSink<String> to = new RecordingSink<>("10.0.0.1:1");
            LineConnection line = connect(to);
            line.onMessage("refuse");
            line.onClosed();
            assertThat(delaying.core.awaitingLogins().count("10.0.0.1")).isZero();
            delaying.tick(DELAY);
            assertThat(to.sent).isEmpty();
            assertThat(delaying.core.deadlines().size()).isZero();
        }

        @Test
        @DisplayName("a user connected already is answered at once (a client reconnecting, not a guess)")
        void aDuplicateIsAnsweredAtOnce() {
            RecordingSink<String> to = new RecordingSink<>("10.0.0.1:1");
            connect(to).onMessage("refuse-duplicate");
            assertThat(to.sent).containsExactly("refused DUPLICATE");
            assertThat(to.closedWith).isEqualTo(CloseKind.NORMAL);
        }
    }
}
