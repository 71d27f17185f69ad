package io.missive.text;

import io.missive.core.CoreFixture;
import io.missive.core.model.MessageId;
import io.missive.protocol.LogCapture;
import io.missive.protocol.ConnectionLifecycle;
import io.missive.protocol.RecordingSink;
import io.missive.transport.Sink;
import io.missive.text.TextFrame.Ack;
import io.missive.text.TextFrame.Response;
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
 * The rules of a text push protocol connection (seed 001, docs/protocol-text.md), on the core's
 * in-memory fixture and manual clock: commands go in as the decoder delivers them, frames the
 * connection sends are decoded with {@link TextCodec}. Devices 1 to 9 have the token "token-N".
 */
class TextConnectionTest {

    static final long IDENTIFY_TIMEOUT = 10_000;
    static final long DEFAULT_HEARTBEAT = 300_000;
    static final long MIN_HEARTBEAT = 5_000;
    static final long MAX_HEARTBEAT = 600_000;
    static final long RESEND_INTERVAL = 2_000;   // CoreFixture's DeliverySettings
    static final TextSettings SETTINGS = new TextSettings(IDENTIFY_TIMEOUT, DEFAULT_HEARTBEAT, MIN_HEARTBEAT,
            MAX_HEARTBEAT);
    static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    static final long CHANNEL = 42;

    final CoreFixture fixture = new CoreFixture();
    final LogCapture log = new LogCapture(ConnectionLifecycle.class);

    @AfterEach
    void stopCapture() {
        log.close();
    }

    /** One device's side of a connection. */
    final class Device {
        final RecordingSink<ByteBuffer> sink = new RecordingSink<>();
        final TextConnection connection;
        /** The transport drops what is sent, telling the connection as a transport does: past its bound, or closed. */
        Runnable dropping;
        /** A quick device: its answer to a message frame is read in at once, while the server still writes. */
        TextCommand answerToAMessage;
        private int read;

        Device(boolean trusted) {
            connection = new TextConnection(fixture.core, SETTINGS, new Sink<>() {
                @Override
                public boolean send(ByteBuffer message) {
                    if (dropping != null) {
                        dropping.run();
                        return false;
                    }
                    boolean taken = sink.send(message);
                    if (answerToAMessage != null && isMessage(message)) {
                        connection.onMessage(answerToAMessage);
                    }
                    return taken;
                }

                @Override
                public void close(CloseKind kind, String reason) {
                    sink.close(kind, reason);
                }

                @Override
                public String remoteAddress() {
                    return sink.remoteAddress();
                }
            }, "test", trusted);
        }

        void send(TextCommand command) {
            connection.onMessage(command);
        }

        private static boolean isMessage(ByteBuffer frame) {
            try {
                return TextCodec.decodeServerFrame(frame.duplicate()) instanceof TextFrame.Message;
            } catch (MalformedTextFrameException e) {
                throw new AssertionError("the connection sent a malformed frame", e);
            }
        }

        void identify(String json) {
            send(new TextCommand.Identify(json.getBytes(StandardCharsets.UTF_8)));
        }

        List<TextFrame> frames() {
            List<TextFrame> out = new ArrayList<>();
            for (ByteBuffer b : sink.sent) {
                try {
                    out.add(TextCodec.decodeServerFrame(b.duplicate()));
                } catch (MalformedTextFrameException e) {
                    throw new AssertionError("the connection sent a malformed frame", e);
                }
            }
            return out;
        }

        /** What the connection sent since the last call. */
        List<TextFrame> received() {
            List<TextFrame> all = frames();
            List<TextFrame> news = List.copyOf(all.subList(read, all.size()));
            read = all.size();
            return news;
        }

        /** The one frame sent since the last call, an error: its code. */
        String errorCode() {
            List<TextFrame> news = received();
            assertThat(news).hasSize(1).first().isInstanceOf(TextFrame.Error.class);
            return ((TextFrame.Error) news.get(0)).code();
        }

        Device identified(int id, String moreJson) {
            identify("{\"client_id\":" + id + ",\"token\":\"token-" + id + "\"" + moreJson + "}");
            assertThat(received()).containsExactly(Response.OK);
            assertThat(sink.closed()).isFalse();
            return this;
        }

        Device subscribed(long channel) {
            send(new TextCommand.Sub(channel));
            assertThat(received()).containsExactly(Response.OK);
            return this;
        }
    }

    Device device() {
        return new Device(false);
    }

    Device identified(int id) {
        return device().identified(id, "");
    }

    /** Device {@code from} publishes {@code body} to the whole channel; checks ACK 1. */
    static void publishToChannel(Device from, byte[] body) {
        from.send(new TextCommand.Pub(0, CHANNEL, 7, body));
        assertThat(from.received()).containsExactly(new Ack(true, 7, 0));
    }

    static TextFrame.Message message(TextFrame frame) {
        assertThat(frame).isInstanceOf(TextFrame.Message.class);
        return (TextFrame.Message) frame;
    }

    @Nested
    @DisplayName("seed 001 IDENTIFY, docs 'Sessions: First IDENTIFY' and 'Identity'")
    class Identify {

        @Test
        @DisplayName("no magic and IDENTIFY within identify-timeout: closed POLICY, nothing sent")
        void noIdentifyWithinTheTimeoutCloses() {
            Device d = device();
            fixture.tick(IDENTIFY_TIMEOUT - 1);
            assertThat(d.sink.closed()).isFalse();
            fixture.tick(1);
            assertThat(d.sink.closedWith).isEqualTo(CloseKind.POLICY);
            assertThat(d.sink.closeReason).contains("no IDENTIFY within");
            assertThat(d.frames()).isEmpty();
        }

        @Test
        @DisplayName("IDENTIFY in time is answered OK and ends the identify deadline")
        void identifyInTimeEndsTheDeadline() {
            Device d = device();
            fixture.tick(IDENTIFY_TIMEOUT - 1);
            d.identified(2, "");
            fixture.tick(IDENTIFY_TIMEOUT);
            assertThat(d.sink.closed()).isFalse();
        }

        @Test
        @DisplayName("an IDENTIFY body that is not a JSON object: E_BAD_BODY, closed")
        void badJsonIsEBadBody() {
            Device d = device();
            d.identify("{oops");
            assertThat(d.errorCode()).isEqualTo(TextErrorCode.E_BAD_BODY);
            assertThat(d.sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);

            Device array = device();
            array.identify("[1]");
            assertThat(array.errorCode()).isEqualTo(TextErrorCode.E_BAD_BODY);
        }

        @Test
        @DisplayName("a missing or non-positive client_id: E_INVALID, closed")
        void badClientIdIsEInvalid() {
            for (String json : List.of("{}", "{\"client_id\":0}", "{\"client_id\":-3}", "{\"client_id\":\"2\"}",
                    "{\"client_id\":2.5}")) {
                Device d = device();
                d.identify(json);
                assertThat(d.errorCode()).as(json).isEqualTo(TextErrorCode.E_INVALID);
                assertThat(d.sink.closed()).as(json).isTrue();
            }
        }

        @Test
        @DisplayName("a heartbeat_interval that is not a positive whole number: E_INVALID")
        void badHeartbeatIntervalIsEInvalid() {
            Device d = device();
            d.identify("{\"client_id\":2,\"token\":\"token-2\",\"heartbeat_interval\":0}");
            assertThat(d.errorCode()).isEqualTo(TextErrorCode.E_INVALID);
            assertThat(d.sink.closed()).isTrue();
        }

        @Test
        @DisplayName("an unknown device, a wrong or missing token: E_INVALID_CLIENT, closed")
        void unknownDeviceOrBadTokenIsEInvalidClient() {
            for (String json : List.of("{\"client_id\":42,\"token\":\"token-42\"}",
                    "{\"client_id\":2,\"token\":\"token-3\"}", "{\"client_id\":2}")) {
                Device d = device();
                d.identify(json);
                assertThat(d.errorCode()).as(json).isEqualTo(TextErrorCode.E_INVALID_CLIENT);
                assertThat(d.sink.closed()).as(json).isTrue();
            }
            assertThat(log.messages(Level.INFO)).hasSize(3).allMatch(m -> m.startsWith("MSV1003 Login refused"));
        }

        @Test
        @DisplayName("issue 17: after 10 bad tokens for one device its IDENTIFYs are refused unchecked, even with the"
                + " right token, for a while; another device is not held back")
        void aGuessedDeviceTokenIsThrottled() {
            for (int i = 0; i < 10; i++) {
                Device d = device();
                d.identify("{\"client_id\":2,\"token\":\"guess-" + i + "\"}");
                assertThat(d.errorCode()).isEqualTo(TextErrorCode.E_INVALID_CLIENT);
            }
            Device right = device();
            right.identify("{\"client_id\":2,\"token\":\"token-2\"}");
            assertThat(right.received()).isNotEqualTo(List.of(Response.OK)).hasSize(1);
            assertThat(right.sink.closed()).isTrue();
            identified(3);

            fixture.tick(6_000);
            identified(2);
        }

        @Test
        @DisplayName("issue 17: a device's token is checked on the credential-check executor, not the mailbox")
        void aDeviceIsCheckedOnTheCredentialCheckExecutor() {
            fixture.holdCredentialChecks = true;
            Device d = device();
            d.identify("{\"client_id\":2,\"token\":\"token-2\"}");
            assertThat(d.received()).as("not answered before the check ran").isEmpty();

            assertThat(fixture.runCredentialChecks()).isEqualTo(1);
            assertThat(d.received()).containsExactly(Response.OK);
        }

        @Test
        @DisplayName("a trusted listener accepts a known device id alone, not an unknown one")
        void aTrustedListenerAcceptsTheIdAlone() {
            Device d = new Device(true);
            d.identify("{\"client_id\":2}");
            assertThat(d.received()).containsExactly(Response.OK);
            assertThat(d.sink.closed()).isFalse();

            Device unknown = new Device(true);
            unknown.identify("{\"client_id\":42}");
            assertThat(unknown.errorCode()).isEqualTo(TextErrorCode.E_INVALID_CLIENT);
        }

        @Test
        @DisplayName("a second IDENTIFY: E_INVALID, closed")
        void aSecondIdentifyIsEInvalid() {
            Device d = identified(2);
            d.identify("{\"client_id\":2,\"token\":\"token-2\"}");
            assertThat(d.errorCode()).isEqualTo(TextErrorCode.E_INVALID);
            assertThat(d.sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
        }

        @Test
        @DisplayName("SUB, UNSUB, PUB or FIN before IDENTIFY: E_INVALID_CLIENT, closed")
        void commandsBeforeIdentifyAreEInvalidClient() {
            for (TextCommand command : List.of(new TextCommand.Sub(1), new TextCommand.Unsub(1),
                    new TextCommand.Pub(0, 1, 1, HELLO), new TextCommand.Fin(MessageId.random().toText()))) {
                Device d = device();
                d.send(command);
                assertThat(d.errorCode()).as(command.toString()).isEqualTo(TextErrorCode.E_INVALID_CLIENT);
                assertThat(d.sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
            }
        }

        @Test
        @DisplayName("docs 'Bad input': what the decoder refused is answered with its code, closed")
        void aMalformedCommandIsAnsweredWithItsCode() {
            Device d = identified(2);
            d.send(new TextCommand.Malformed(TextErrorCode.E_BAD_CHANNEL, "SUB 0"));
            assertThat(d.errorCode()).isEqualTo(TextErrorCode.E_BAD_CHANNEL);
            assertThat(d.sink.closedWith).isEqualTo(CloseKind.PROTOCOL_ERROR);
        }

        @Test
        @DisplayName("docs 'One connection per device': the same device again replaces the first (E_CLOSED)")
        void theSameDeviceAgainReplacesTheFirst() {
            Device first = identified(2).subscribed(CHANNEL);
            Device second = identified(2);
            List<TextFrame> toFirst = first.received();
            assertThat(toFirst).singleElement().isInstanceOfSatisfying(TextFrame.Error.class, e -> {
                assertThat(e.code()).isEqualTo(TextErrorCode.E_CLOSED);
                assertThat(e.text()).contains("replaced");
            });
            assertThat(first.sink.closed()).isTrue();
            assertThat(second.sink.closed()).isFalse();

            publishToChannel(identified(3), HELLO);
            assertThat(second.received()).hasSize(1);
            assertThat(first.received()).isEmpty();
        }
    }

    @Nested
    @DisplayName("seed 001 SUB, docs 'SUB and UNSUB', 'Subscriptions are durable'")
    class Channels {

        @Test
        @DisplayName("SUB and UNSUB are answered OK, also when nothing changed; UNSUB ends the deliveries")
        void subAndUnsubAreAnsweredOk() {
            Device d = identified(2).subscribed(CHANNEL).subscribed(CHANNEL);
            Device sender = identified(3);
            publishToChannel(sender, HELLO);
            assertThat(d.received()).singleElement().satisfies(f -> {
                assertThat(message(f).channelId()).isEqualTo(CHANNEL);
                assertThat(message(f).senderId()).isEqualTo(3);
                assertThat(message(f).body()).isEqualTo(HELLO);
            });

            d.send(new TextCommand.Unsub(CHANNEL));
            d.send(new TextCommand.Unsub(CHANNEL));
            assertThat(d.received()).containsExactly(Response.OK, Response.OK);
            sender.send(new TextCommand.Pub(0, CHANNEL, 8, HELLO));
            assertThat(sender.received()).containsExactly(new Ack(false, 8, 0));
            assertThat(d.received()).isEmpty();
        }

        @Test
        @DisplayName("issue 12: SUB with the database down is answered E_INTERNAL, closed SERVER_ERROR, logged once")
        void subWithTheDatabaseDownIsAnsweredEInternal() {
            Device d = identified(2);
            fixture.channelsDown = true;
            d.send(new TextCommand.Sub(CHANNEL));
            assertThat(d.errorCode()).isEqualTo(TextErrorCode.E_INTERNAL);
            assertThat(d.sink.closedWith).isEqualTo(CloseKind.SERVER_ERROR);
            assertThat(log.messages(Level.WARNING)).singleElement().asString().startsWith("MSV1002");
            assertThat(log.messages(Level.INFO)).isEmpty();

            d.send(TextCommand.Heartbeat.INSTANCE);
            assertThat(d.received()).isEmpty();
            fixture.channelsDown = false;
            identified(2);   // the session is gone: the device connects again without replacing anything
        }
    }

    @Nested
    @DisplayName("seed 001 PUB, docs 'PUB' and 'Sessions: PUB'")
    class Publishing {

        @Test
        @DisplayName("PUB is answered ACK 1 only once the store has committed the message")
        void pubIsAckedAfterTheCommit() {
            Device recipient = identified(2).subscribed(CHANNEL);
            Device sender = identified(3);
            fixture.store.autoCommit = false;
            sender.send(new TextCommand.Pub(2, CHANNEL, -9, HELLO));
            assertThat(sender.received()).isEmpty();
            assertThat(recipient.received()).isEmpty();
            fixture.store.commit();
            assertThat(sender.received()).containsExactly(new Ack(true, -9, 2));
            assertThat(recipient.received()).hasSize(1);
        }

        @Test
        @DisplayName("a refused PUB is answered ACK 0: no subscriber, device not subscribed, empty body, store failure")
        void aRefusedPubIsAnsweredAck0() {
            Device sender = identified(3);
            sender.send(new TextCommand.Pub(0, CHANNEL, 1, HELLO));
            identified(2).subscribed(CHANNEL);
            sender.send(new TextCommand.Pub(4, CHANNEL, 2, HELLO));
            sender.send(new TextCommand.Pub(0, CHANNEL, 3, new byte[0]));
            fixture.store.failWrites = true;
            sender.send(new TextCommand.Pub(0, CHANNEL, 4, HELLO));
            assertThat(sender.received()).containsExactly(new Ack(false, 1, 0), new Ack(false, 2, 4),
                    new Ack(false, 3, 0), new Ack(false, 4, 0));
            assertThat(sender.sink.closed()).isFalse();
        }
    }

    @Nested
    @DisplayName("seed 001 heartbeat, docs 'Heartbeat and CLS', 'Sessions: Heartbeat'")
    class Heartbeat {

        @Test
        @DisplayName("a device silent for twice its interval is dropped with E_CLOSED")
        void silentForTwiceTheIntervalIsDropped() {
            Device d = device().identified(2, ",\"heartbeat_interval\":60");
            fixture.tick(2 * 60_000 - 1);
            assertThat(d.sink.closed()).isFalse();
            fixture.tick(1);
            assertThat(d.errorCode()).isEqualTo(TextErrorCode.E_CLOSED);
            assertThat(d.sink.closedWith).isEqualTo(CloseKind.POLICY);
        }

        @Test
        @DisplayName("any command is a sign of life and moves the silence deadline")
        void anyCommandIsASignOfLife() {
            Device d = device().identified(2, ",\"heartbeat_interval\":60");
            fixture.tick(100_000);
            d.subscribed(CHANNEL);
            fixture.tick(100_000);
            d.send(TextCommand.Heartbeat.INSTANCE);
            fixture.tick(2 * 60_000 - 1);
            assertThat(d.sink.closed()).isFalse();
            fixture.tick(1);
            assertThat(d.sink.closed()).isTrue();
        }

        @Test
        @DisplayName("without heartbeat_interval the default (300 s) applies")
        void theDefaultInterval() {
            Device d = identified(2);
            fixture.tick(2 * DEFAULT_HEARTBEAT - 1);
            assertThat(d.sink.closed()).isFalse();
            fixture.tick(1);
            assertThat(d.sink.closed()).isTrue();
        }

        @Test
        @DisplayName("a requested heartbeat_interval is clamped to the minimum and the maximum")
        void theRequestedIntervalIsClamped() {
            Device shortOne = device().identified(2, ",\"heartbeat_interval\":1");
            Device longOne = device().identified(3, ",\"heartbeat_interval\":100000");
            fixture.tick(2 * MIN_HEARTBEAT - 1);
            assertThat(shortOne.sink.closed()).isFalse();
            fixture.tick(1);
            assertThat(shortOne.sink.closed()).isTrue();
            fixture.tick(2 * MAX_HEARTBEAT - 2 * MIN_HEARTBEAT - 1);
            assertThat(longOne.sink.closed()).isFalse();
            fixture.tick(1);
            assertThat(longOne.sink.closed()).isTrue();
        }

        @Test
        @DisplayName("H is answered H, before IDENTIFY too")
        void aHeartbeatIsAnswered() {
            Device d = device();
            d.send(TextCommand.Heartbeat.INSTANCE);
            assertThat(d.received()).containsExactly(Response.HEARTBEAT);
            d.identified(2, "");
            d.send(TextCommand.Heartbeat.INSTANCE);
            assertThat(d.received()).containsExactly(Response.HEARTBEAT);
        }

        @Test
        @DisplayName("CLS is answered CLOSE_WAIT and closed NORMAL; unconfirmed messages stay pending")
        void clsIsAnsweredCloseWait() {
            Device d = device().identified(2, ",\"confirm\":true").subscribed(CHANNEL);
            publishToChannel(identified(3), HELLO);
            MessageId id = MessageId.ofText(message(d.received().get(0)).messageId());
            d.send(TextCommand.Close.INSTANCE);
            assertThat(d.received()).containsExactly(Response.CLOSE_WAIT);
            assertThat(d.sink.closedWith).isEqualTo(CloseKind.NORMAL);
            d.send(TextCommand.Heartbeat.INSTANCE);
            assertThat(d.received()).isEmpty();
            assertThat(fixture.store.pending(2, Map.of(), 10)).extracting(m -> m.id()).containsExactly(id);
        }
    }

    @Nested
    @DisplayName("docs 'FIN' and 'Sessions: Confirmation'")
    class Confirmation {

        @Test
        @DisplayName("confirm mode: FIN acknowledges, the message is not sent again")
        void finAcknowledges() {
            Device d = device().identified(2, ",\"confirm\":true").subscribed(CHANNEL);
            publishToChannel(identified(3), HELLO);
            TextFrame.Message m = message(d.received().get(0));
            assertThat(m.attempts()).isEqualTo(1);
            d.send(new TextCommand.Fin(m.messageId()));
            assertThat(d.received()).isEmpty();
            fixture.tick(RESEND_INTERVAL * 5);
            assertThat(d.received()).isEmpty();
            assertThat(fixture.store.pending(2, Map.of(), 10)).isEmpty();
        }

        @Test
        @DisplayName("confirm mode: an unconfirmed message is resent every 2 s with attempts counting up, "
                + "3 times, then E_CLOSED; it stays pending")
        void unconfirmedMessagesAreResentWithAttemptsCountingUp() {
            Device d = device().identified(2, ",\"confirm\":true,\"heartbeat_interval\":3600").subscribed(CHANNEL);
            publishToChannel(identified(3), HELLO);
            TextFrame.Message first = message(d.received().get(0));
            assertThat(first.attempts()).isEqualTo(1);
            for (int attempt = 2; attempt <= 4; attempt++) {
                fixture.tick(RESEND_INTERVAL - 1);
                assertThat(d.received()).isEmpty();
                fixture.tick(1);
                List<TextFrame> again = d.received();
                assertThat(again).hasSize(1);
                assertThat(message(again.get(0)).attempts()).isEqualTo(attempt);
                assertThat(message(again.get(0)).messageId()).isEqualTo(first.messageId());
            }
            fixture.tick(RESEND_INTERVAL);
            assertThat(d.errorCode()).isEqualTo(TextErrorCode.E_CLOSED);
            assertThat(d.sink.closedWith).isEqualTo(CloseKind.POLICY);
            assertThat(fixture.store.pending(2, Map.of(), 10)).extracting(m -> m.id().toText())
                    .containsExactly(first.messageId());
        }

        @Test
        @DisplayName("non-confirm mode: a message counts as delivered once sent; never resent")
        void withoutConfirmAMessageIsDeliveredOnceSent() {
            Device d = device().identified(2, ",\"heartbeat_interval\":3600").subscribed(CHANNEL);
            publishToChannel(identified(3), HELLO);
            assertThat(message(d.received().get(0)).attempts()).isEqualTo(1);
            fixture.tick(RESEND_INTERVAL * 5);
            assertThat(d.received()).isEmpty();
            assertThat(d.sink.closed()).isFalse();
            assertThat(fixture.store.pending(2, Map.of(), 10)).isEmpty();
        }

        @Test
        @DisplayName("non-confirm mode: a CLS sent on reading a message is handled after the message was counted as delivered")
        void withoutConfirmAMessageIsCountedBeforeACloseSentOnReadingIt() {
            Device d = device().identified(2, ",\"heartbeat_interval\":3600").subscribed(CHANNEL);
            Device sender = identified(3);
            fixture.holdTasks = true;   // a busy server: the CLS gets into the mailbox while the push's work goes on
            d.answerToAMessage = TextCommand.Close.INSTANCE;
            sender.send(new TextCommand.Pub(0, CHANNEL, 7, HELLO));
            fixture.runHeldTasks();
            assertThat(d.received()).hasSize(2).last().isEqualTo(Response.CLOSE_WAIT);
            assertThat(fixture.store.pending(2, Map.of(), 10)).isEmpty();
        }

        @Test
        @DisplayName("non-confirm mode: a message the transport dropped past its outbound bound is not counted as delivered")
        void withoutConfirmAMessageDroppedOnOverflowStaysPending() {
            Device d = device().identified(2, ",\"heartbeat_interval\":3600").subscribed(CHANNEL);
            d.dropping = d.connection::onBackpressure;   // as the TCP and WebSocket sinks do past their bound
            publishToChannel(identified(3), HELLO);
            assertThat(d.sink.closed()).isTrue();
            assertThat(fixture.store.pending(2, Map.of(), 10)).hasSize(1);
        }

        @Test
        @DisplayName("non-confirm mode: a message sent as the transport closes is not counted as delivered")
        void withoutConfirmAMessageDroppedOnCloseStaysPending() {
            Device d = device().identified(2, ",\"heartbeat_interval\":3600").subscribed(CHANNEL);
            d.dropping = d.connection::onClosed;
            publishToChannel(identified(3), HELLO);
            assertThat(fixture.store.pending(2, Map.of(), 10)).hasSize(1);
        }

        @Test
        @DisplayName("a message from the system user shows sender 0; one sent to the device directly, channel 0")
        void systemUserIsSenderZero() {
            Device d = identified(2);
            io.missive.binary.BinaryConnection server = new io.missive.binary.BinaryConnection(fixture.core,
                    new io.missive.binary.BinarySettings(10_000, 30_000, 10_000), new RecordingSink<>(), "test", true);
            server.onMessage(io.missive.binary.BinaryCodec.encodeToArray(
                    new io.missive.binary.BinaryFrame.Publish(2, MessageId.random(), HELLO)));
            TextFrame.Message m = message(d.received().get(0));
            assertThat(m.senderId()).isZero();
            assertThat(m.channelId()).isZero();
        }
    }

    @Nested
    @DisplayName("docs 'Limits' and issue 12's shared lifecycle")
    class Lifecycle {

        @Test
        @DisplayName("backpressure after IDENTIFY: closed POLICY without E_CLOSED (the device does not read)")
        void backpressureAfterIdentify() {
            Device d = identified(2);
            d.connection.onBackpressure();
            assertThat(d.received()).isEmpty();
            assertThat(d.sink.closedWith).isEqualTo(CloseKind.POLICY);
            identified(2);
        }

        @Test
        @DisplayName("backpressure before IDENTIFY: closed POLICY")
        void backpressureBeforeIdentify() {
            Device d = device();
            d.connection.onBackpressure();
            assertThat(d.frames()).isEmpty();
            assertThat(d.sink.closedWith).isEqualTo(CloseKind.POLICY);
        }

        @Test
        @DisplayName("after the peer closed, nothing is sent and the session is gone")
        void afterThePeerClosed() {
            Device d = identified(2).subscribed(CHANNEL);
            d.connection.onClosed();
            publishToChannel(identified(4).subscribed(CHANNEL), HELLO);
            assertThat(d.received()).isEmpty();
            assertThat(fixture.store.pending(2, Map.of(), 10)).hasSize(1);
            assertThat(log.at(Level.INFO)).isEmpty();
        }
    }
}
