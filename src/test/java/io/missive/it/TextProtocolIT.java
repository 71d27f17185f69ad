package io.missive.it;

import io.missive.binary.BinaryFrame;
import io.missive.core.model.MessageId;
import io.missive.it.client.BinaryWsClient;
import io.missive.it.client.TextTcpClient;
import io.missive.text.TextCommand;
import io.missive.text.TextErrorCode;
import io.missive.text.TextFrame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The text push protocol of seed 001 over a raw socket, against the deployed WAR. */
class TextProtocolIT extends MissiveIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int ANDROID = 3;


    private TextTcpClient connect() throws Exception {
        return TextTcpClient.connect("localhost", server.tcpPort(MissiveServer.TCP_TEXT));
    }

    private TextTcpClient identified(Api.Device device, boolean confirm) throws Exception {
        TextTcpClient client = connect();
        assertThat(client.identify(device.id(), device.token(), confirm)).isEqualTo(TextFrame.Response.OK);
        return client;
    }

    private static long newChannel() {
        return ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(TextFrame.Message m) {
        return new String(m.body(), StandardCharsets.UTF_8);
    }

    @Test
    void identifyWithTheRegisteredTokenIsOkAndWithAnotherIsRefused() throws Exception {
        Api.Device device = api.registerDevice(ANDROID);
        try (TextTcpClient good = connect()) {
            assertThat(good.identify(device.id(), device.token(), false)).isEqualTo(TextFrame.Response.OK);
        }
        try (TextTcpClient bad = connect()) {
            TextFrame answer = bad.identify(device.id(), "not-the-token", false);
            assertThat(answer).isInstanceOf(TextFrame.Error.class);
            assertThat(((TextFrame.Error) answer).code()).isEqualTo(TextErrorCode.E_INVALID_CLIENT);
            assertThat(bad.awaitClosed(WAIT)).isTrue();
        }
        try (TextTcpClient unknown = connect()) {
            TextFrame answer = unknown.identify(999_999_999L, device.token(), false);
            assertThat(((TextFrame.Error) answer).code()).isEqualTo(TextErrorCode.E_INVALID_CLIENT);
        }
    }

    @Test
    void pubToOneDeviceOnAChannelAndToTheWholeChannel() throws Exception {
        Api.Device a = api.registerDevice(ANDROID);
        Api.Device b = api.registerDevice(ANDROID);
        Api.Device c = api.registerDevice(2);
        long channel = newChannel();
        try (TextTcpClient pa = identified(a, false); TextTcpClient pb = identified(b, false);
             TextTcpClient pc = identified(c, false)) {
            pb.send(new TextCommand.Sub(channel));
            assertThat(pb.next(WAIT)).isEqualTo(TextFrame.Response.OK);
            pc.send(new TextCommand.Sub(channel));
            assertThat(pc.next(WAIT)).isEqualTo(TextFrame.Response.OK);

            pa.send(new TextCommand.Pub(b.id(), channel, 41, utf8("only for b")));
            assertThat(pa.next(WAIT)).isEqualTo(new TextFrame.Ack(true, 41, b.id()));
            TextFrame.Message atB = pb.next(TextFrame.Message.class, WAIT);
            assertThat(text(atB)).isEqualTo("only for b");
            assertThat(atB.channelId()).isEqualTo(channel);
            assertThat(atB.senderId()).isEqualTo(a.id());
            assertThat(atB.attempts()).isEqualTo(1);
            assertThat(atB.messageId()).hasSize(32);

            pa.send(new TextCommand.Pub(0, channel, 42, utf8("for everyone")));
            assertThat(pa.next(WAIT)).isEqualTo(new TextFrame.Ack(true, 42, 0));
            assertThat(text(pb.next(TextFrame.Message.class, WAIT))).isEqualTo("for everyone");
            assertThat(text(pc.next(TextFrame.Message.class, WAIT))).isEqualTo("for everyone");
            // c got nothing else: the first PUB was for b only
            assertThat(pc.poll(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void aSubscriberThatWasOfflineGetsTheChannelsMessagesOnReconnect() throws Exception {
        Api.Device sender = api.registerDevice(ANDROID);
        Api.Device sleeper = api.registerDevice(ANDROID);
        long channel = newChannel();
        try (TextTcpClient s = identified(sleeper, false)) {
            s.send(new TextCommand.Sub(channel));
            assertThat(s.next(WAIT)).isEqualTo(TextFrame.Response.OK);
            s.send(TextCommand.Close.INSTANCE);
            assertThat(s.next(WAIT)).isEqualTo(TextFrame.Response.CLOSE_WAIT);
            assertThat(s.awaitClosed(WAIT)).isTrue();
        }
        try (TextTcpClient p = identified(sender, false)) {
            for (int i = 1; i <= 3; i++) {
                p.send(new TextCommand.Pub(0, channel, i, utf8("while asleep " + i)));
                assertThat(p.next(WAIT)).isEqualTo(new TextFrame.Ack(true, i, 0));
            }
        }
        try (TextTcpClient s = identified(sleeper, false)) {
            assertThat(text(s.next(TextFrame.Message.class, WAIT))).isEqualTo("while asleep 1");
            assertThat(text(s.next(TextFrame.Message.class, WAIT))).isEqualTo("while asleep 2");
            assertThat(text(s.next(TextFrame.Message.class, WAIT))).isEqualTo("while asleep 3");
            // each message was counted as delivered as the transport took it, before this CLS could be handled
            s.send(TextCommand.Close.INSTANCE);
            assertThat(s.next(WAIT)).isEqualTo(TextFrame.Response.CLOSE_WAIT);
        }
        // delivered once handed over (the seed's clients cannot confirm): not again
        try (TextTcpClient s = identified(sleeper, false)) {
            assertThat(s.poll(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void aBinaryUserAndADeviceReachEachOther() throws Exception {
        Api.Device device = api.registerDevice(ANDROID);
        String name = Api.unique("binary-user");
        long uid = api.createUser(name, "a good password");
        try (TextTcpClient d = identified(device, false); BinaryWsClient user = BinaryWsClient.connect(server.wsUri("ws"))) {
            assertThat(user.login(name, "a good password").code()).isZero();
            MessageId id = MessageId.random();
            user.send(new BinaryFrame.Publish(device.id(), id, utf8("from the web")));
            assertThat(user.next(BinaryFrame.PubAck.class, WAIT).msgId()).isEqualTo(id);
            TextFrame.Message atDevice = d.next(TextFrame.Message.class, WAIT);
            assertThat(text(atDevice)).isEqualTo("from the web");
            assertThat(atDevice.messageId()).isEqualTo(id.toText());
            assertThat(atDevice.senderId()).isEqualTo(uid);
            assertThat(atDevice.channelId()).isZero();
        }
    }

    @Test
    void badInputClosesOnlyItsOwnConnection() throws Exception {
        Api.Device device = api.registerDevice(ANDROID);
        try (TextTcpClient bystander = identified(device, false)) {
            try (TextTcpClient wrongMagic = TextTcpClient.connectWithoutMagic("localhost", server.tcpPort(MissiveServer.TCP_TEXT))) {
                wrongMagic.sendRaw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(((TextFrame.Error) wrongMagic.next(WAIT)).code()).isEqualTo(TextErrorCode.E_BAD_PROTOCOL);
                assertThat(wrongMagic.awaitClosed(WAIT)).isTrue();
            }
            try (TextTcpClient beforeIdentify = connect()) {
                beforeIdentify.send(new TextCommand.Sub(5));
                assertThat(((TextFrame.Error) beforeIdentify.next(WAIT)).code()).isEqualTo(TextErrorCode.E_INVALID_CLIENT);
                assertThat(beforeIdentify.awaitClosed(WAIT)).isTrue();
            }
            try (TextTcpClient garbage = connect()) {
                garbage.sendRaw("SUB abc\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(((TextFrame.Error) garbage.next(WAIT)).code()).isEqualTo(TextErrorCode.E_BAD_CHANNEL);
                assertThat(garbage.awaitClosed(WAIT)).isTrue();
            }
            try (TextTcpClient badJson = connect()) {
                assertThat(((TextFrame.Error) badJson.identify("{not json")).code()).isEqualTo(TextErrorCode.E_BAD_BODY);
            }
            bystander.send(TextCommand.Heartbeat.INSTANCE);
            assertThat(bystander.next(WAIT)).isEqualTo(TextFrame.Response.HEARTBEAT);
        }
    }

}
