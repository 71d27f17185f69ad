package io.missive.it;

import io.missive.binary.BinaryCodec;
import io.missive.binary.BinaryFrame;
import io.missive.binary.ConnectCode;
import io.missive.core.MessagingCore;
import io.missive.core.model.MessageId;
import io.missive.it.client.BinaryClient;
import io.missive.it.client.BinaryTcpClient;
import io.missive.it.client.BinaryWsClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary protocol over the TCP connector, end to end against the deployed WAR, with raw
 * sockets: sessions as on WebSocket, the trusted server-to-server use, TLS, and the listener
 * limits (frame size, connections, a client that does not read). The listeners and their free
 * ports are {@link MissiveServer}'s.
 */
class TcpBinaryProtocolIT extends MissiveIT {

    private static final String PASSWORD = Api.PASSWORD;
    private static final Duration WAIT = Duration.ofSeconds(10);


    private BinaryTcpClient tcp(Api.User user) throws Exception {
        return tcp(user, MissiveServer.TCP_BINARY, 0);
    }

    private BinaryTcpClient tcp(Api.User user, String listener, int flags) throws Exception {
        BinaryTcpClient client = BinaryTcpClient.connect(server.tcpPort(listener));
        assertThat(client.login(user.name(), PASSWORD, flags).code()).isEqualTo(ConnectCode.ACCEPTED.code());
        return client;
    }

    private BinaryWsClient ws(Api.User user) throws Exception {
        BinaryWsClient client = BinaryWsClient.connect(server.wsUri("ws"));
        assertThat(client.login(user.name(), PASSWORD).code()).isEqualTo(ConnectCode.ACCEPTED.code());
        return client;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(BinaryFrame.Push push) {
        return new String(push.payload(), StandardCharsets.UTF_8);
    }

    /** Sends a private message and checks that it arrives and is acknowledged both ways. */
    private static void exchange(BinaryClient from, BinaryClient to, long toUid, String message) {
        MessageId id = MessageId.random();
        from.send(new BinaryFrame.Publish(toUid, id, utf8(message)));
        assertThat(from.next(BinaryFrame.PubAck.class, WAIT).msgId()).isEqualTo(id);
        BinaryFrame.Push push = to.next(BinaryFrame.Push.class, WAIT);
        assertThat(push.msgId()).isEqualTo(id);
        assertThat(text(push)).isEqualTo(message);
        to.send(new BinaryFrame.PubAck(id));
    }

    @Test
    void aTcpClientAndAWebSocketClientExchangeMessagesBothWays() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        try (BinaryTcpClient a = tcp(alice); BinaryWsClient b = ws(bob)) {
            exchange(a, b, bob.uid(), "from tcp to ws");
            exchange(b, a, alice.uid(), "from ws to tcp");
            a.send(BinaryFrame.Ping.INSTANCE);
            assertThat(a.next(BinaryFrame.PingResp.class, WAIT)).isNotNull();
        }
    }

    @Test
    void messagesSentWhileOfflineArriveOverTcpInOrderAndAcknowledgedOnesDoNotComeAgain() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        List<String> sent = IntStream.rangeClosed(1, 10).mapToObj(i -> "m" + i).toList();
        try (BinaryWsClient a = ws(alice)) {
            a.publishAll(bob.uid(), sent);
        }
        try (BinaryTcpClient b = tcp(bob)) {
            assertThat(b.receiveAndAcknowledge(10)).containsExactlyElementsOf(sent);
            b.send(BinaryFrame.Disconnect.INSTANCE);
            assertThat(b.awaitClosed(WAIT)).isTrue();
        }
        // Acknowledged: not sent again, even to a client that reconnects at once.
        try (BinaryTcpClient b = tcp(bob)) {
            assertThat(b.poll(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void anOversizedFrameOrAGarbageLengthClosesOnlyThatConnection() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        try (BinaryTcpClient a = tcp(alice); BinaryTcpClient b = tcp(bob)) {
            List<byte[]> badStarts = List.of(
                    new byte[]{0x00, 0x09, 0x27, (byte) 0xC0, 0x03},                // announces 600,000 bytes
                    new byte[]{(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, // announces 4 GiB
                    new byte[]{0x00, 0x00, 0x00, 0x00});                            // an empty frame
            for (byte[] bad : badStarts) {
                try (BinaryTcpClient victim = tcp(api.newUser("victim"))) {
                    victim.sendBytes(bad);
                    assertThat(victim.awaitClosed(WAIT)).as("closed after %s", HexFormat.of().formatHex(bad))
                            .isTrue();
                }
            }
            try (BinaryTcpClient early = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_BINARY))) {
                early.sendBytes(new byte[]{(byte) 0xFF, 0x00, 0x00, 0x00});   // before any login, too
                assertThat(early.awaitClosed(WAIT)).isTrue();
            }
            exchange(a, b, bob.uid(), "still fine");
        }
    }

    @Test
    void aTrustedServerPublishesWithoutConnectAsTheSystemUser() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        long group = api.createGroup(Api.unique("news"));
        api.addMember(group, alice.uid());
        api.addMember(group, bob.uid());
        try (BinaryTcpClient a = tcp(alice, MissiveServer.TCP_BINARY, BinaryFrame.Connect.FLAG_RICH_PUSH);
             BinaryWsClient b = ws(bob);
             BinaryTcpClient backEnd = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_TRUSTED))) {
            MessageId direct = MessageId.random();
            backEnd.send(new BinaryFrame.Publish(alice.uid(), direct, utf8("from the back end")));
            assertThat(backEnd.next(BinaryFrame.PubAck.class, WAIT).msgId()).isEqualTo(direct);
            BinaryFrame.RichPush atAlice = a.next(BinaryFrame.RichPush.class, WAIT);
            assertThat(atAlice.msgId()).isEqualTo(direct);
            assertThat(atAlice.fromUid()).isEqualTo(MessagingCore.SYSTEM_UID);
            a.send(new BinaryFrame.PubAck(direct));

            // The system user is in no group, and may post to every group.
            MessageId toGroup = MessageId.random();
            backEnd.send(new BinaryFrame.GroupPublish(group, toGroup, utf8("to the group")));
            assertThat(backEnd.next(BinaryFrame.GroupPubAck.class, WAIT).msgId()).isEqualTo(toGroup);
            assertThat(a.next(BinaryFrame.RichPush.class, WAIT).msgId()).isEqualTo(toGroup);
            a.send(new BinaryFrame.PubAck(toGroup));
            assertThat(text(b.next(BinaryFrame.Push.class, WAIT))).isEqualTo("to the group");

            MessageId toPart = MessageId.random();
            backEnd.send(new BinaryFrame.GroupPartPublish(group, toPart, new long[]{bob.uid()}, utf8("bob only")));
            assertThat(backEnd.next(BinaryFrame.GroupPartPubAck.class, WAIT).msgId()).isEqualTo(toPart);
            assertThat(text(b.next(BinaryFrame.Push.class, WAIT))).isEqualTo("bob only");

            // Nobody can write to the system user.
            MessageId toSystem = MessageId.random();
            a.send(new BinaryFrame.Publish(MessagingCore.SYSTEM_UID, toSystem, utf8("hello system")));
            assertThat(a.next(BinaryFrame.PubRefused.class, WAIT).msgId()).isEqualTo(toSystem);
        }
    }

    @Test
    void nobodyCanLogInAsTheSystemUser() throws Exception {
        api.setPassword(MessagingCore.SYSTEM_UID, PASSWORD, 409);
        try (BinaryTcpClient c = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_TRUSTED))) {
            assertThat(c.login("system", "").code()).isEqualTo(ConnectCode.BAD_CREDENTIALS.code());
        }
    }

    @Test
    void anUntrustedListenerClosesAConnectionThatPublishesBeforeConnect() throws Exception {
        Api.User bob = api.newUser("bob");
        try (BinaryTcpClient b = tcp(bob)) {
            try (BinaryTcpClient impostor = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_BINARY))) {
                impostor.send(new BinaryFrame.Publish(bob.uid(), MessageId.random(), utf8("as the system?")));
                assertThat(impostor.awaitClosed(WAIT)).isTrue();
                assertThat(impostor.poll(Duration.ZERO)).isEmpty();
            }
            try (BinaryTcpClient tlsImpostor = BinaryTcpClient.connectTls(server.tcpPort(MissiveServer.TCP_TLS),
                    server.sslContext())) {
                tlsImpostor.send(new BinaryFrame.GroupPublish(1000, MessageId.random(), utf8("as the system?")));
                assertThat(tlsImpostor.awaitClosed(WAIT)).isTrue();
            }
            assertThat(b.poll(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void aConnectionThatNeverLogsInIsClosed() throws Exception {
        try (BinaryTcpClient silent = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_BINARY))) {
            assertThat(silent.awaitClosed(Duration.ofSeconds(15))).isTrue();
        }
    }

    @Test
    void theTlsListenerServesTheGeneratedCertificate() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        int port = server.tcpPort(MissiveServer.TCP_TLS);
        try (BinaryTcpClient a = BinaryTcpClient.connectTls(port, server.sslContext());
             BinaryTcpClient b = BinaryTcpClient.connectTls(port, server.sslContext())) {
            assertThat(a.login(alice.name(), PASSWORD).code()).isZero();
            assertThat(b.login(bob.name(), PASSWORD).code()).isZero();
            exchange(a, b, bob.uid(), "over tls");
            exchange(b, a, alice.uid(), "back over tls");
        }
        try (BinaryTcpClient wrong = BinaryTcpClient.connect(port)) {
            // plain bytes to a TLS port: no handshake, so the server drops the connection
            wrong.send(new BinaryFrame.Connect(alice.name(), PASSWORD, 0, 0));
            assertThat(wrong.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void connectionsOverTheLimitAreRefusedWhileTheOpenOnesKeepWorking() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        try (BinaryTcpClient a = tcp(alice, MissiveServer.TCP_FEW, 0); BinaryTcpClient b = tcp(bob, MissiveServer.TCP_FEW, 0)) {
            try (BinaryTcpClient refused = BinaryTcpClient.connect(server.tcpPort(MissiveServer.TCP_FEW))) {
                assertThat(refused.awaitClosed(WAIT)).isTrue();
                assertThat(refused.poll(Duration.ZERO)).isEmpty();
            }
            exchange(a, b, bob.uid(), "we two are in");
        }
    }

    @Test
    void aClientThatStopsReadingIsCutOffAtItsBoundWhileAnotherKeepsReceiving() throws Exception {
        Api.User publisher = api.newUser("publisher");
        Api.User stalled = api.newUser("stalled");
        Api.User reader = api.newUser("reader");
        byte[] large = new byte[60_000];
        int count = 160;   // 9.6 MB: past the socket buffers of both sides and the listener's 256 KiB bound
        List<MessageId> ids = new ArrayList<>();
        try (BinaryTcpClient p = tcp(publisher); BinaryTcpClient r = tcp(reader);
             BinaryTcpClient s = BinaryTcpClient.connectNotReading(server.tcpPort(MissiveServer.TCP_SLOW), 4096)) {
            s.sendRaw(BinaryCodec.encodeToArray(new BinaryFrame.Connect(stalled.name(), PASSWORD, 0, 0)));
            for (int i = 0; i < count; i++) {
                MessageId id = MessageId.random();
                ids.add(id);
                p.send(new BinaryFrame.Publish(stalled.uid(), id, large));
            }
            for (int i = 0; i < count; i++) {
                p.next(BinaryFrame.PubAck.class, WAIT);
            }
            exchange(p, r, reader.uid(), "the others are served");
            assertThat(s.drainUntilClosed(30_000)).as("the stalled client was disconnected").isTrue();
            exchange(p, r, reader.uid(), "and still are");
        }
        // Nothing was acknowledged, so everything is still pending, from the first message on.
        try (BinaryTcpClient again = tcp(stalled)) {
            BinaryFrame.Push first = again.next(BinaryFrame.Push.class, WAIT);
            assertThat(first.msgId()).isEqualTo(ids.get(0));
        }
    }
}
