package io.missive.bench.client;

import io.missive.fishchat.FishChatCodec;
import io.missive.fishchat.FishChatCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's FishChat client writes the Go clients' bytes, confirms its login, and acknowledges deliveries. */
class FishChatTcpClientTest {

    private static final String UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @Test
    void framesAsTheGoClients() {
        // protocols/fishchat.md, Bytes
        assertThat(FishChatTcpClient.frame("SEND_MESSAGE_P2P", "bob", "hi", "alice")).isEqualTo(
                bytes(0x3b, "{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":[\"bob\",\"hi\",\"alice\"]}\n"));
        assertThat(FishChatTcpClient.frame("P2P_ACK", "bob", UUID)).isEqualTo(
                bytes(0x4c, "{\"CmdName\":\"P2P_ACK\",\"Args\":[\"bob\",\"" + UUID + "\"]}\n"));
        byte[] frame = FishChatTcpClient.frame("SEND_CLIENT_ID", "alice");
        assertThat(TcpFrameConnection.LENGTH_PREFIX.frameLength(ByteBuffer.wrap(frame))).isEqualTo(frame.length);
    }

    @Test
    void theLoadMessageTravelsAsAsciiTextOfThePayloadSize() throws Exception {
        LoadMessage message = new LoadMessage(-123_456_789_012L, 7, 3, 4_000_000_000L);
        String text = FishChatTcpClient.text(message, LoadMessage.DEFAULT_PAYLOAD_BYTES);
        assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(LoadMessage.DEFAULT_PAYLOAD_BYTES);
        assertThat(text).matches("[0-9a-f]{32}x{68}");
        // through the server's JSON both ways
        ByteBuffer body = FishChatCodec.encode(FishChatCommand.RESP_MESSAGE_P2P, text, "alice", UUID);
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        assertThat(FishChatTcpClient.message(FishChatCodec.decode(bytes).arg(0))).isEqualTo(message);
    }

    @Test
    @Timeout(30)
    void logsInByJoiningATopicAcknowledgesADeliveryAndTellsItsPublisher() throws Exception {
        SelectorLoops loops = new SelectorLoops("test-fishchat", 1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BlockingQueue<FishChatCommand> commands = new LinkedBlockingQueue<>();
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> serve(server, commands));
            Events events = new Events();
            BlockingQueue<String> publishers = new LinkedBlockingQueue<>();
            FishChatTcpClient client = FishChatTcpClient.connect(loops.next(),
                    new InetSocketAddress(server.getInetAddress(), server.getLocalPort()),
                    new BenchAccount("bob", "", 0), 100, events, (publisher, message, now) -> publishers.add(publisher));

            assertThat(events.received.poll(5, TimeUnit.SECONDS)).isEqualTo(new LoadMessage(42, 1, 2, 3));
            assertThat(publishers.poll(5, TimeUnit.SECONDS)).isEqualTo("alice");
            List<FishChatCommand> sent = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sent.add(commands.poll(5, TimeUnit.SECONDS));
            }
            assertThat(sent).containsExactly(
                    FishChatCommand.of("SEND_CLIENT_ID", "bob"),
                    FishChatCommand.of("CREATE_TOPIC", FishChatTcpClient.LOGIN_TOPIC),
                    FishChatCommand.of("JOIN_TOPIC", FishChatTcpClient.LOGIN_TOPIC, "bob"),
                    FishChatCommand.of("P2P_ACK", "bob", UUID));
            assertThat(events.failures).isEmpty();
            client.close();
            served.get(5, TimeUnit.SECONDS);
        } finally {
            loops.close();
        }
    }

    /**
     * A message server: reads the login's three commands, answers the join, delivers one message,
     * then reads what comes until the client closes.
     */
    private static void serve(ServerSocket server, BlockingQueue<FishChatCommand> commands) {
        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            for (int i = 0; i < 3; i++) {
                commands.add(read(in));
            }
            write(out, FishChatCommand.LOCATE_TOPIC_MSG_ADDR, "127.0.0.1:19000", FishChatTcpClient.LOGIN_TOPIC);
            write(out, FishChatCommand.RESP_MESSAGE_P2P, FishChatTcpClient.text(new LoadMessage(42, 1, 2, 3), 100),
                    "alice", UUID);
            while (true) {
                commands.add(read(in));
            }
        } catch (EOFException closed) {
            // the client is done
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static FishChatCommand read(DataInputStream in) throws Exception {
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return FishChatCodec.decode(body);
    }

    private static void write(DataOutputStream out, String name, String... args) throws IOException {
        ByteBuffer body = FishChatCodec.encode(name, args);
        out.writeInt(body.remaining());
        out.write(body.array(), body.position(), body.remaining());
        out.flush();
    }

    private static byte[] bytes(int length, String body) {
        return ByteBuffer.allocate(4 + body.length()).putInt(length).put(body.getBytes(StandardCharsets.US_ASCII)).array();
    }

    private static final class Events implements DeliveryListener {
        final BlockingQueue<LoadMessage> received = new LinkedBlockingQueue<>();
        final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public void acknowledged(LoadMessage message, long nanoTime) {
        }

        @Override
        public void received(LoadMessage message, long nanoTime) {
            received.add(message);
        }

        @Override
        public void failed(String what) {
            failures.add(what);
        }
    }
}
