package io.missive.it;

import io.missive.binary.BinaryCodec;
import io.missive.binary.BinaryFrame;
import io.missive.binary.ConnectCode;
import io.missive.binary.RefusalCode;
import io.missive.core.model.MessageId;
import io.missive.it.client.BinaryWsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;


import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary protocol of seed 002 over WebSocket, end to end, with the JDK's WebSocket client;
 * where marked, on both endpoints: the container's and the TCP connector's.
 */
class BinaryProtocolIT extends MissiveIT {

    private static final String PASSWORD = Api.PASSWORD;
    private static final Duration WAIT = Duration.ofSeconds(10);


    private BinaryWsClient login(Api.User user) throws Exception {
        return login(user, 0);
    }

    private BinaryWsClient login(Api.User user, int flags) throws Exception {
        return login(Endpoint.CONTAINER, user, flags);
    }

    /** The binary protocol's two WebSocket endpoints, which must behave the same. */
    enum Endpoint {
        /** The container's Jakarta WebSocket endpoint, /ws on the HTTP port. */
        CONTAINER,
        /** The TCP connector's listener with websocket-path /ws. */
        CONNECTOR
    }

    private URI uri(Endpoint endpoint) {
        return endpoint == Endpoint.CONTAINER ? server.wsUri("ws")
                : URI.create("ws://localhost:" + server.tcpPort(MissiveServer.TCP_BINARY_WS) + "/ws");
    }

    private BinaryWsClient login(Endpoint endpoint, Api.User user, int flags) throws Exception {
        BinaryWsClient client = BinaryWsClient.connect(uri(endpoint));
        assertThat(client.login(user.name(), PASSWORD, flags).code()).isEqualTo(ConnectCode.ACCEPTED.code());
        return client;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(BinaryFrame.Push push) {
        return new String(push.payload(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void twoUsersExchangePrivateMessagesBothWays(Endpoint aliceOn) throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        try (BinaryWsClient a = login(aliceOn, alice, 0); BinaryWsClient b = login(bob)) {
            MessageId toBob = MessageId.random();
            a.send(new BinaryFrame.Publish(bob.uid(), toBob, utf8("hello bob")));
            assertThat(a.next(BinaryFrame.PubAck.class, WAIT).msgId()).isEqualTo(toBob);
            BinaryFrame.Push atBob = b.next(BinaryFrame.Push.class, WAIT);
            assertThat(atBob.msgId()).isEqualTo(toBob);
            assertThat(text(atBob)).isEqualTo("hello bob");
            b.send(new BinaryFrame.PubAck(atBob.msgId()));

            MessageId toAlice = MessageId.random();
            b.send(new BinaryFrame.Publish(alice.uid(), toAlice, utf8("hi alice")));
            assertThat(b.next(BinaryFrame.PubAck.class, WAIT).msgId()).isEqualTo(toAlice);
            BinaryFrame.Push atAlice = a.next(BinaryFrame.Push.class, WAIT);
            assertThat(text(atAlice)).isEqualTo("hi alice");
            a.send(new BinaryFrame.PubAck(atAlice.msgId()));
        }
    }

    @Test
    void groupAndPartOfGroupFanOut() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        Api.User carol = api.newUser("carol");
        Api.User outsider = api.newUser("dave");
        long group = api.createGroup(Api.unique("team"));
        for (Api.User u : List.of(alice, bob, carol)) {
            api.addMember(group, u.uid());
        }
        try (BinaryWsClient a = login(alice); BinaryWsClient b = login(bob); BinaryWsClient c = login(carol);
             BinaryWsClient d = login(outsider)) {
            MessageId all = MessageId.random();
            a.send(new BinaryFrame.GroupPublish(group, all, utf8("to everyone")));
            assertThat(a.next(BinaryFrame.GroupPubAck.class, WAIT).msgId()).isEqualTo(all);
            for (BinaryWsClient member : List.of(b, c)) {
                BinaryFrame.Push push = member.next(BinaryFrame.Push.class, WAIT);
                assertThat(text(push)).isEqualTo("to everyone");
                member.send(new BinaryFrame.PubAck(push.msgId()));
            }

            MessageId some = MessageId.random();
            a.send(new BinaryFrame.GroupPartPublish(group, some, new long[]{carol.uid(), outsider.uid()}, utf8("carol only")));
            assertThat(a.next(BinaryFrame.GroupPartPubAck.class, WAIT).msgId()).isEqualTo(some);
            BinaryFrame.Push atCarol = c.next(BinaryFrame.Push.class, WAIT);
            assertThat(text(atCarol)).isEqualTo("carol only");
            c.send(new BinaryFrame.PubAck(atCarol.msgId()));

            // The sender, the member left out and the non-member hear nothing.
            assertThat(a.poll(Duration.ofSeconds(1))).isEmpty();
            assertThat(b.poll(Duration.ofMillis(200))).isEmpty();
            assertThat(d.poll(Duration.ofMillis(200))).isEmpty();
        }
    }

    @Test
    void offlineMessagesArriveOnReconnectInOrder() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        List<String> sent = IntStream.rangeClosed(1, 20).mapToObj(i -> "m" + i).toList();
        try (BinaryWsClient a = login(alice)) {
            a.publishAll(bob.uid(), sent);
        }
        try (BinaryWsClient b = login(bob)) {
            assertThat(b.receiveAndAcknowledge(20)).containsExactlyElementsOf(sent);
            // The server closes after it handled the frames before DISCONNECT. A bare WebSocket close
            // is no such barrier: Undertow (WildFly) answers it before the frames ahead of it reach
            // the endpoint, so a reconnect at once may see the last pushes again (docs/reliability.md).
            b.send(BinaryFrame.Disconnect.INSTANCE);
            assertThat(b.awaitClosed(WAIT)).isTrue();
        }
        // Acknowledged: not sent again, even to a client that reconnects at once.
        try (BinaryWsClient b = login(bob)) {
            assertThat(b.poll(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void aWrongPasswordGetsCode3AndAnUnknownUserToo() throws Exception {
        Api.User alice = api.newUser("alice");
        try (BinaryWsClient c = BinaryWsClient.connect(server.wsUri("ws"))) {
            assertThat(c.login(alice.name(), "wrong password").code()).isEqualTo(3);
            assertThat(c.awaitClosed(WAIT)).isTrue();
        }
        try (BinaryWsClient c = BinaryWsClient.connect(server.wsUri("ws"))) {
            assertThat(c.login(Api.unique("nobody"), PASSWORD).code()).isEqualTo(3);
        }
    }

    @Test
    void aDisabledAccountGetsCode6() throws Exception {
        Api.User alice = api.newUser("alice");
        api.disableUser(alice.uid());
        try (BinaryWsClient c = BinaryWsClient.connect(server.wsUri("ws"))) {
            assertThat(c.login(alice.name(), PASSWORD).code()).isEqualTo(ConnectCode.ACCOUNT_DISABLED.code());
        }
    }

    @Test
    void wssWorksWithTheGeneratedCertificate() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        try (BinaryWsClient a = BinaryWsClient.connect(server.wssUri("wss"), server.sslContext());
             BinaryWsClient b = BinaryWsClient.connect(server.wssUri("wss"), server.sslContext())) {
            assertThat(a.login(alice.name(), PASSWORD).code()).isZero();
            assertThat(b.login(bob.name(), PASSWORD).code()).isZero();
            a.send(new BinaryFrame.Publish(bob.uid(), MessageId.random(), utf8("over tls")));
            assertThat(text(b.next(BinaryFrame.Push.class, WAIT))).isEqualTo("over tls");
        }
    }

    @Test
    void aPublishTheServerRefusesIsAnsweredWithPubRefused() throws Exception {
        Api.User alice = api.newUser("alice");
        long strangers = api.createGroup(Api.unique("strangers"));
        try (BinaryWsClient a = login(alice)) {
            MessageId toNobody = MessageId.random();
            a.send(new BinaryFrame.Publish(4_000_000_000L, toNobody, utf8("anyone?")));
            BinaryFrame.PubRefused refused = a.next(BinaryFrame.PubRefused.class, WAIT);
            assertThat(refused.msgId()).isEqualTo(toNobody);
            assertThat(refused.code()).isEqualTo(RefusalCode.UNKNOWN_RECIPIENT.code());

            MessageId notMine = MessageId.random();
            a.send(new BinaryFrame.GroupPublish(strangers, notMine, utf8("let me in")));
            BinaryFrame.PubRefused notMember = a.next(BinaryFrame.PubRefused.class, WAIT);
            assertThat(notMember.msgId()).isEqualTo(notMine);
            assertThat(notMember.code()).isEqualTo(RefusalCode.NOT_A_MEMBER.code());
        }
    }

    @Test
    void theRichPushCarriesSenderGroupSequenceAndTimeWhenAskedFor() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        long before = System.currentTimeMillis();
        try (BinaryWsClient a = login(alice); BinaryWsClient b = login(bob, BinaryFrame.Connect.FLAG_RICH_PUSH)) {
            MessageId id = MessageId.random();
            a.send(new BinaryFrame.Publish(bob.uid(), id, utf8("rich")));
            BinaryFrame.RichPush push = b.next(BinaryFrame.RichPush.class, WAIT);
            assertThat(push.msgId()).isEqualTo(id);
            assertThat(push.fromUid()).isEqualTo(alice.uid());
            assertThat(push.groupId()).isZero();
            assertThat(push.seq()).isEqualTo(1);
            assertThat(push.timeMillis()).isBetween(before - 5_000, System.currentTimeMillis() + 5_000);
            b.send(new BinaryFrame.PubAck(id));
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void badInputClosesOnlyTheOffendingConnection(Endpoint victimsOn) throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        try (BinaryWsClient a = login(alice); BinaryWsClient b = login(bob)) {
            List<byte[]> badFrames = List.of(
                    new byte[]{0x63},                                   // unknown type
                    new byte[]{0x03, 0x00, 0x00},                       // truncated PUBLISH
                    BinaryCodec.encodeToArray(new BinaryFrame.Connect(alice.name(), PASSWORD, 0, 0)), // CONNECT again
                    lengthLie());
            for (byte[] bad : badFrames) {
                try (BinaryWsClient victim = login(victimsOn, api.newUser("victim"), 0)) {
                    victim.sendRaw(bad);
                    assertThat(victim.awaitClosed(WAIT)).as("closed after %s", java.util.HexFormat.of().formatHex(bad)).isTrue();
                    assertThat(victim.closeCode()).isEqualTo(1002);
                }
            }
            try (BinaryWsClient texter = login(victimsOn, api.newUser("texter"), 0)) {
                texter.sendText("hello?");
                assertThat(texter.awaitClosed(WAIT)).isTrue();
                assertThat(texter.closeCode()).isEqualTo(1003);
            }
            try (BinaryWsClient early = BinaryWsClient.connect(uri(victimsOn))) {
                early.send(new BinaryFrame.Publish(bob.uid(), MessageId.random(), utf8("no login")));
                assertThat(early.awaitClosed(WAIT)).isTrue();
                assertThat(early.closeCode()).isEqualTo(1002);
            }
            try (BinaryWsClient huge = login(victimsOn, api.newUser("huge"), 0)) {
                huge.sendOversized(600_000);
                assertThat(huge.awaitClosed(WAIT)).isTrue();
                assertThat(huge.closeCode()).isEqualTo(1009);
            }
            // Nobody else noticed.
            MessageId id = MessageId.random();
            a.send(new BinaryFrame.Publish(bob.uid(), id, utf8("still fine")));
            assertThat(a.next(BinaryFrame.PubAck.class, WAIT).msgId()).isEqualTo(id);
            assertThat(text(b.next(BinaryFrame.Push.class, WAIT))).isEqualTo("still fine");
        }
    }

    /** A PUBLISH whose PayloadLen claims more bytes than follow. */
    private static byte[] lengthLie() {
        byte[] frame = BinaryCodec.encodeToArray(new BinaryFrame.Publish(1234, MessageId.random(), utf8("hello")));
        frame[frame.length - 6] = 0x10;
        return frame;
    }

}
