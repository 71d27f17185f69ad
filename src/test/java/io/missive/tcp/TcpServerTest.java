package io.missive.tcp;

import io.missive.transport.CloseKind;
import io.missive.protocol.ProtocolSpec;
import io.missive.transport.Inbound;
import io.missive.transport.Sink;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldPrepender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connector's sockets with a small echo protocol, over real loopback connections: lifecycle
 * (a stopped server frees its port and starts again), framing, limits and backpressure.
 */
class TcpServerTest {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final AtomicInteger listenersMade = new AtomicInteger();
    /** Flushes that reach the socket's side of the pipeline, on every connection. */
    private final AtomicInteger socketFlushes = new AtomicInteger();
    private TcpServer server;

    /** Echoes every frame; "flood N" answers with N frames of 64 KiB. Records what the transport tells it. */
    private final class EchoProtocol implements TcpProtocol {
        @Override
        public ProtocolSpec spec() {
            return ProtocolSpec.tcpOnly("echo", 0);
        }

        @Override
        public void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener, String transport) {
            pipeline.addBefore(TcpListener.FLUSHES, "socket-flushes", new ChannelOutboundHandlerAdapter() {
                @Override
                public void flush(ChannelHandlerContext ctx) {
                    socketFlushes.incrementAndGet();
                    ctx.flush();
                }
            });
            pipeline.addLast(new LengthPrefixDecoder(listener.maxFrameBytes()), new LengthFieldPrepender(4),
                    new ConnectionHandler<>(MessageForm.FRAMES, listener.outboundLimitBytes(), EchoListener::new));
        }
    }

    /**
     * Echoes every frame; "flood N" answers with N frames of 64 KiB; "burst N" answers N frames "b", each from
     * its own task on the connection's event loop (as a commit releases answers); "close-with X" stops reading
     * (as a full inbound backlog does), answers X and closes.
     */
    private final class EchoListener implements Inbound<byte[]> {
        private final Sink<ByteBuffer> sink;
        private boolean closed;   // event-loop-confined

        EchoListener(Sink<ByteBuffer> sink) {
            this.sink = sink;
            listenersMade.incrementAndGet();
        }

        @Override
        public void onMessage(byte[] frame) {
            String text = new String(frame, StandardCharsets.UTF_8);
            if (closed) {
                return;   // as a protocol's connection: nothing is handled once it closes
            }
            if (text.startsWith("close-with ")) {
                closed = true;
                // as a connection whose inbound backlog is full: the transport reads no more, then an answer and the close
                sink.pauseReading();
                sink.send(ByteBuffer.wrap(text.substring(11).getBytes(StandardCharsets.UTF_8)));
                sink.close(CloseKind.PROTOCOL_ERROR, "asked to");
            } else if (text.startsWith("burst ")) {
                for (int i = Integer.parseInt(text.substring(6)); i > 0; i--) {
                    sink.eventLoop().execute(() -> sink.send(ByteBuffer.wrap(new byte[]{'b'})));
                }
            } else if (text.startsWith("flood ")) {
                for (int i = Integer.parseInt(text.substring(6)); i > 0; i--) {
                    sink.send(ByteBuffer.allocate(65_536));
                }
            } else {
                sink.send(ByteBuffer.wrap(frame));
            }
        }

        @Override
        public void onUnsupported(String what) {
            events.add("unsupported");
        }

        @Override
        public void onOversized(long size, long limit) {
            events.add("oversized " + size + " > " + limit);
            sink.close(CloseKind.TOO_BIG, "too big");
        }

        @Override
        public void onBackpressure() {
            events.add("backpressure");
            sink.close(CloseKind.POLICY, "too slow");
        }

        @Override
        public void onClosed() {
            events.add("closed");
        }
    }

    private TcpServer start(TcpListenerSettings settings) {
        server = new TcpServer(List.of(settings), Map.of("echo", new EchoProtocol()), Executors.defaultThreadFactory(), 2);
        server.start();
        return server;
    }

    private static TcpListenerSettings listener(int port, int maxConnections, int maxFrameBytes, Duration idle,
                                                long outboundLimit) {
        return new TcpListenerSettings("echo", "echo", "127.0.0.1", port, null, false, maxConnections, maxFrameBytes,
                idle, outboundLimit, null);
    }

    private static TcpListenerSettings listener(int maxConnections, Duration closeGrace) {
        return new TcpListenerSettings("echo", "echo", "127.0.0.1", 0, null, false, maxConnections, 1024,
                Duration.ZERO, 1 << 20, null, closeGrace);
    }

    private static TcpListenerSettings listener(int port) {
        return listener(port, 100, 1024, Duration.ZERO, 1 << 20);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void stopFreesThePortAndClosesConnectionsAndTheServerStartsAgainOnIt() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        start(listener(port));
        assertThat(server.port("echo")).isEqualTo(port);
        assertThat(server.address("echo")).as("by protocol, for the FishChat gateway's answer")
                .hasValueSatisfying(a -> assertThat(a.getPort()).isEqualTo(port));
        try (Socket client = connect(port)) {
            assertThat(echo(client, "hello")).isEqualTo("hello");
            server.stop();
            assertThat(server.port("echo")).isEqualTo(-1);
            assertThat(server.address("echo")).isEmpty();
            assertThat(new DataInputStream(client.getInputStream()).read()).isEqualTo(-1);
        }
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("closed");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", port));   // free again
        }
        server.start();
        try (Socket client = connect(port)) {
            assertThat(echo(client, "again")).isEqualTo("again");
        }
    }

    @Test
    void aPortInUseFailsTheStartNamingTheListener() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            TcpServer busy = new TcpServer(List.of(listener(taken.getLocalPort())), Map.of("echo", new EchoProtocol()),
                    Executors.defaultThreadFactory(), 1);
            assertThatThrownBy(busy::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("TCP listener 'echo' cannot listen on")
                    .hasMessageContaining("missive.tcp.echo.port");
            busy.stop();
        }
    }

    @Test
    void anOversizedOrGarbageLengthReachesTheListenerAndOtherConnectionsGoOn() throws Exception {
        start(listener(0));
        int port = server.port("echo");
        try (Socket good = connect(port)) {
            for (int length : new int[]{1025, 0xFFFFFFFF}) {
                try (Socket bad = connect(port)) {
                    DataOutputStream out = new DataOutputStream(bad.getOutputStream());
                    out.writeInt(length);
                    out.write(new byte[100]);
                    out.flush();
                    assertThat(new DataInputStream(bad.getInputStream()).read()).isEqualTo(-1);
                }
                assertThat(events.poll(10, TimeUnit.SECONDS))
                        .isEqualTo("oversized " + Integer.toUnsignedLong(length) + " > 1024");
                assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("closed");
            }
            assertThat(echo(good, "still here")).isEqualTo("still here");
        }
    }

    @Test
    void connectionsOverTheLimitAreClosedAtOnceWhileTheOthersWork() throws Exception {
        start(listener(0, 2, 1024, Duration.ZERO, 1 << 20));
        int port = server.port("echo");
        try (Socket first = connect(port); Socket second = connect(port)) {
            assertThat(echo(first, "one")).isEqualTo("one");
            assertThat(echo(second, "two")).isEqualTo("two");
            try (Socket third = connect(port)) {
                assertThat(third.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(echo(first, "still one")).isEqualTo("still one");
        }
    }

    @Test
    @DisplayName("issue 17: a connection the accept gate refuses is reset before its protocol sees it; trusted listeners"
            + " are not asked; the others go on")
    void theAcceptGateResetsARefusedConnectionBeforeAnythingIsSetUp() throws Exception {
        AtomicBoolean refusing = new AtomicBoolean();
        BlockingQueue<String> asked = new LinkedBlockingQueue<>();
        TcpListenerSettings trusted = new TcpListenerSettings("trusted-echo", "echo", "127.0.0.1", 0, null, true, 10,
                1024, Duration.ZERO, 1 << 20, null);
        server = new TcpServer(List.of(listener(0), trusted), Map.of("echo", new EchoProtocol()),
                Executors.defaultThreadFactory(), 2, (peer, listener) -> {
                    asked.add(listener + " " + peer.getAddress().getHostAddress());
                    return refusing.get();
                });
        server.start();
        int port = server.port("echo");
        try (Socket good = connect(port)) {
            assertThat(echo(good, "in")).isEqualTo("in");
            assertThat(asked.poll(10, TimeUnit.SECONDS)).isEqualTo("echo 127.0.0.1");
            refusing.set(true);
            try (Socket refused = connect(port)) {
                assertThat(readEndOrReset(refused)).isTrue();
            }
            assertThat(asked.poll(10, TimeUnit.SECONDS)).isEqualTo("echo 127.0.0.1");
            try (Socket viaTrusted = connect(server.port("trusted-echo"))) {
                assertThat(echo(viaTrusted, "trusted")).isEqualTo("trusted");
            }
            assertThat(asked).as("the trusted listener does not ask").isEmpty();
            assertThat(echo(good, "still in")).isEqualTo("still in");
            assertThat(listenersMade).as("the refused connection never reached the protocol").hasValue(2);
        }
    }

    /** Whether the server ended the stream or reset it, without sending anything. */
    private static boolean readEndOrReset(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    @DisplayName("issue 17: past max-accept-rate the listener pauses accepting and resumes: every connection of a"
            + " burst four times the rate is served, none refused")
    void pastTheAcceptRateConnectionsWaitAndAreServed() throws Exception {
        start(new TcpListenerSettings("echo", "echo", "127.0.0.1", 0, null, false, 100, 1024, Duration.ZERO, 1 << 20,
                null, TcpListenerSettings.DEFAULT_CLOSE_GRACE, 5));
        int port = server.port("echo");
        List<Socket> burst = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < 20; i++) {
                burst.add(connect(port));
            }
            for (int i = 0; i < burst.size(); i++) {
                assertThat(echo(burst.get(i), "n" + i)).isEqualTo("n" + i);
            }
            assertThat(listenersMade).hasValue(20);
            // 5 at once, then 5 a second: the last of 20 is accepted after 3 s (a lower bound, which a slow machine
            // cannot break)
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(2_500));
        } finally {
            for (Socket socket : burst) {
                socket.close();
            }
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        start(listener(0, 10, 1024, Duration.ofMillis(300), 1 << 20));
        try (Socket silent = connect(server.port("echo"))) {
            assertThat(silent.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("closed");
    }

    @Test
    void aClientThatDoesNotReadIsReportedPastTheBoundAndOthersKeepTheirEcho() throws Exception {
        start(listener(0, 10, 1024, Duration.ZERO, 256 * 1024));
        int port = server.port("echo");
        try (Socket lazy = new Socket(); Socket good = connect(port)) {
            lazy.setReceiveBufferSize(4096);
            lazy.connect(new InetSocketAddress("127.0.0.1", port));
            send(lazy, "flood 400");   // 25 MiB: more than every socket buffer and the bound together
            assertThat(events.poll(20, TimeUnit.SECONDS)).isEqualTo("backpressure");
            assertThat(echo(good, "fine")).isEqualTo("fine");
            assertThat(events.poll(20, TimeUnit.SECONDS)).isEqualTo("closed");
        }
    }

    @Test
    @DisplayName("issue 18: answers sent by tasks queued together on a connection's loop leave in one flush"
            + " (one write call), not one each")
    void answersQueuedTogetherLeaveInOneFlush() throws Exception {
        start(listener(0));
        try (Socket client = connect(server.port("echo"))) {
            assertThat(echo(client, "warm")).isEqualTo("warm");
            int before = socketFlushes.get();
            send(client, "burst 50");
            DataInputStream in = new DataInputStream(client.getInputStream());
            for (int i = 0; i < 50; i++) {
                byte[] answer = new byte[in.readInt()];
                in.readFully(answer);
                assertThat(answer).containsExactly('b');
            }
            assertThat(socketFlushes.get() - before).isEqualTo(1);
        }
    }

    /** {@code first} as a frame, then {@code count} frames "x", in one array: the server finds more behind the first. */
    private static byte[] frameThenMore(String first, int count) {
        byte[] head = first.getBytes(StandardCharsets.UTF_8);
        byte[] frames = new byte[4 + head.length + 5 * count];
        frames[3] = (byte) head.length;
        System.arraycopy(head, 0, frames, 4, head.length);
        for (int i = 4 + head.length; i < frames.length; i += 5) {
            frames[i + 3] = 1;
            frames[i + 4] = 'x';
        }
        return frames;
    }

    @Test
    @DisplayName("issue 17: a server's close after its answer is a half-close and a drain: a peer still sending (2 MB"
            + " behind its request, more than every buffer) finishes sending without a reset, then reads the answer and"
            + " the end of the stream (10 times)")
    void aPeerStillSendingReadsTheAnswerThenTheEnd() throws Exception {
        start(listener(100, Duration.ofSeconds(10)));
        int port = server.port("echo");
        byte[] frames = frameThenMore("close-with bye", 400_000);
        for (int round = 0; round < 10; round++) {
            try (Socket client = connect(port)) {
                client.getOutputStream().write(frames);
                DataInputStream in = new DataInputStream(client.getInputStream());
                byte[] answer = new byte[in.readInt()];
                in.readFully(answer);
                assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("bye");
                assertThat(in.read()).as("the end of the stream, round " + round).isEqualTo(-1);
            }
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("closed");
        }
    }

    @Test
    @DisplayName("issue 17: a closing connection counts toward max-connections until the peer closes, at most the"
            + " close grace: a peer that never closes is closed then, and its place is free")
    void aClosingConnectionCountsAtMostTheGrace() throws Exception {
        start(listener(1, Duration.ofMillis(300)));
        int port = server.port("echo");
        try (Socket lingering = connect(port)) {
            send(lingering, "close-with bye");
            DataInputStream in = new DataInputStream(lingering.getInputStream());
            in.readFully(new byte[in.readInt()]);
            assertThat(in.read()).isEqualTo(-1);   // half-closed; this client never closes its side
            assertThat(events.poll(10, TimeUnit.SECONDS)).as("closed by the server after the grace").isEqualTo("closed");
            try (Socket next = connect(port)) {
                assertThat(echo(next, "my turn")).isEqualTo("my turn");
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    private static String echo(Socket socket, String text) throws IOException {
        send(socket, text);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        try {
            byte[] answer = new byte[in.readInt()];
            in.readFully(answer);
            return new String(answer, StandardCharsets.UTF_8);
        } catch (EOFException | SocketTimeoutException e) {
            throw new AssertionError("no echo of '" + text + "': " + e, e);
        }
    }
}
