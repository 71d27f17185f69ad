package io.missive.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missive.binary.BinaryCodec;
import io.missive.binary.BinaryFrame;
import io.missive.binary.BinaryFrame.Connect;
import io.missive.binary.BinaryFrame.ConnectAck;
import io.missive.binary.BinaryFrame.Ping;
import io.missive.binary.BinaryFrame.PingResp;
import io.missive.binary.BinaryFrame.PubAck;
import io.missive.binary.BinaryFrame.Publish;
import io.missive.binary.BinaryFrame.Push;
import io.missive.binary.BinaryFrame.RichPush;
import io.missive.binary.ConnectCode;
import io.missive.core.model.MessageId;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The test client against a minimal WebSocket server on a loopback socket. */
@Timeout(30)
class BinaryWsClientTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final MessageId ID = MessageId.ofText("550e8400e29b41d4a716446655440000");

    private MiniWebSocketServer server;
    private MiniWebSocketServer.Connection peer;
    private BinaryWsClient client;

    @BeforeEach
    void connect() throws Exception {
        server = new MiniWebSocketServer();
        CompletableFuture<MiniWebSocketServer.Connection> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        client = BinaryWsClient.connect(server.uri(), null);
        peer = accepted.get();
    }

    @AfterEach
    void close() throws Exception {
        peer.close(); // first, so that the client's close does not wait for an answer that never comes
        client.close();
        server.close();
    }

    private BinaryFrame readFromClient() throws Exception {
        MiniWebSocketServer.Message message = peer.read();
        assertThat(message.opcode()).isEqualTo(MiniWebSocketServer.BINARY);
        return BinaryCodec.decodeClientFrame(message.payload());
    }

    @Test
    void loginSendsConnectAndReturnsTheAck() throws Exception {
        CompletableFuture<ConnectAck> login = CompletableFuture.supplyAsync(
                () -> client.login("test", "123456", Connect.FLAG_RICH_PUSH));

        assertThat(readFromClient()).isEqualTo(new Connect("test", "123456", 0, 1));
        peer.sendBinary(BinaryCodec.encodeToArray(new ConnectAck(ConnectCode.ACCEPTED)));
        assertThat(login.get().accepted()).isTrue();
    }

    @Test
    void sendsFramesInOrder() throws Exception {
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        for (int i = 1; i <= 20; i++) {
            client.send(new Publish(i, ID, hello));
        }
        for (int i = 1; i <= 20; i++) {
            assertThat(((Publish) readFromClient()).toUid()).isEqualTo(i);
        }
    }

    @Test
    void reassemblesAFragmentedMessage() throws Exception {
        byte[] wire = BinaryCodec.encodeToArray(new Push(ID, new byte[300]));
        peer.sendFragmented(Arrays.copyOfRange(wire, 0, 1), Arrays.copyOfRange(wire, 1, 40),
                Arrays.copyOfRange(wire, 40, wire.length));

        assertThat(client.next(WAIT)).isEqualTo(new Push(ID, new byte[300]));
    }

    @Test
    void answersPingsByItselfUnlessToldNotTo() throws Exception {
        peer.sendBinary(new byte[] {0x07});
        assertThat(readFromClient()).isEqualTo(PingResp.INSTANCE);
        assertThat(client.poll(Duration.ofMillis(200))).isEmpty();
        assertThat(client.pingsAnswered()).isEqualTo(1);

        client.setAutoPong(false);
        peer.sendBinary(new byte[] {0x07});
        assertThat(client.next(WAIT)).isEqualTo(Ping.INSTANCE);
        assertThat(peer.silentFor(300)).isTrue();
    }

    @Test
    void acknowledgesPushesOnlyWhenAsked() throws Exception {
        peer.sendBinary(BinaryCodec.encodeToArray(new Push(ID, new byte[] {1})));
        assertThat(client.next(Push.class, WAIT).payload()).containsExactly(1);
        assertThat(peer.silentFor(300)).isTrue();

        client.setAutoAck(true);
        MessageId other = MessageId.random();
        peer.sendBinary(BinaryCodec.encodeToArray(new RichPush(other, 5, 0, 1, 2, new byte[0])));
        assertThat(readFromClient()).isEqualTo(new PubAck(other));
        assertThat(client.next(RichPush.class, WAIT).msgId()).isEqualTo(other);
    }

    @Test
    void sendsRawBytesAndText() throws Exception {
        client.sendRaw(new byte[] {0x63, 0x01});
        client.sendText("hello?");

        assertThat(peer.read()).satisfies(m -> {
            assertThat(m.opcode()).isEqualTo(MiniWebSocketServer.BINARY);
            assertThat(m.payload()).containsExactly(0x63, 0x01);
        });
        assertThat(peer.read()).satisfies(m -> {
            assertThat(m.opcode()).isEqualTo(MiniWebSocketServer.TEXT);
            assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("hello?");
        });
    }

    @Test
    void reportsTheServersCloseCodeAndReason() throws Exception {
        peer.sendBinary(BinaryCodec.encodeToArray(new PubAck(ID)));
        peer.sendClose(1002, "unknown frame type 0x63");

        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertThat(client.closeCode()).isEqualTo(1002);
        assertThat(client.closeReason()).isEqualTo("unknown frame type 0x63");
        assertThat(peer.read().opcode()).isEqualTo(MiniWebSocketServer.CLOSE); // the client answered the close
        // frames sent before the close are still there, then the close is reported at once
        assertThat(client.next(WAIT)).isEqualTo(new PubAck(ID));
        assertThatThrownBy(() -> client.next(Duration.ofMinutes(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("closed (code 1002");
        assertThat(client.poll(Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void timesOutAndReportsBadServerFrames() throws Exception {
        assertThatThrownBy(() -> client.next(Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no frame from the server within");

        peer.sendBinary(new byte[] {0x05});
        assertThatThrownBy(() -> client.next(WAIT))
                .isInstanceOf(AssertionError.class).hasMessageContaining("is not sent by servers");

        peer.sendText("surprise");
        assertThatThrownBy(() -> client.next(WAIT))
                .isInstanceOf(AssertionError.class).hasMessageContaining("text message");

        peer.sendBinary(BinaryCodec.encodeToArray(new ConnectAck(ConnectCode.BAD_CREDENTIALS)));
        assertThatThrownBy(() -> client.next(PubAck.class, WAIT))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected PubAck");
    }

    @Test
    void closeSendsANormalClose() throws Exception {
        CompletableFuture<Void> closing = CompletableFuture.runAsync(client::close);
        MiniWebSocketServer.Message message = peer.read();
        assertThat(message.opcode()).isEqualTo(MiniWebSocketServer.CLOSE);
        assertThat(((message.payload()[0] & 0xff) << 8) | (message.payload()[1] & 0xff)).isEqualTo(1000);
        peer.sendClose(1000, "");
        closing.get();
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void connectsOverTlsToASelfSignedCertificateForAnotherHost(@TempDir Path dir) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assertThat(keytool).as("every JDK has keytool").isExecutable();
        Path keystore = dir.resolve("server.p12");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-dname", "CN=not-this-host.example", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool exit status").isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);

        try (MiniWebSocketServer tlsServer = new MiniWebSocketServer(serverContext)) {
            CompletableFuture<MiniWebSocketServer.Connection> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return tlsServer.accept();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (BinaryWsClient tlsClient = BinaryWsClient.connect(tlsServer.uri(), BinaryWsClient.trustAllSslContext());
                    MiniWebSocketServer.Connection tlsPeer = accepted.get()) {
                assertThat(tlsServer.uri().getScheme()).isEqualTo("wss");
                tlsClient.send(Ping.INSTANCE);
                assertThat(BinaryCodec.decodeClientFrame(tlsPeer.read().payload())).isEqualTo(Ping.INSTANCE);
                tlsPeer.sendBinary(new byte[] {0x08});
                assertThat(tlsClient.next(WAIT)).isEqualTo(PingResp.INSTANCE);
                tlsPeer.close();
            }
        }
    }

    @Test
    void aRefusedHandshakeIsAnIoExceptionWithTheStatus() throws Exception {
        try (ServerSocket notWebSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> {
                try (Socket socket = notWebSocket.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    socket.getOutputStream().write(
                            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    socket.setSoTimeout(5000);
                    while (socket.getInputStream().read() >= 0) {
                        // until the client, having read the answer, hangs up
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            URI uri = URI.create("ws://127.0.0.1:" + notWebSocket.getLocalPort() + "/nope");
            assertThatThrownBy(() -> BinaryWsClient.connect(uri, null))
                    .isInstanceOf(IOException.class).hasMessageContaining("HTTP 404");
            answer.get();
        }
    }
}
