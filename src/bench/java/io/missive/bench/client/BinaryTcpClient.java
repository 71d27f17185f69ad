package io.missive.bench.client;

import io.missive.binary.BinaryCodec;
import io.missive.binary.BinaryFrame;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One binary-protocol connection over TCP, registered with a selector of its
 * {@link BinaryTcpProtocol}. The selector thread calls {@link #readable()} and {@link #writable()};
 * {@link #send} writes from any thread under the connection's lock and leaves what the socket
 * did not take to the selector. The read buffer starts small (an idle connection costs little in
 * the load generator) and grows only for a frame that needs it.
 */
final class BinaryTcpClient extends BinaryProtocolClient {

    private static final int PREFIX_BYTES = 4;
    private static final int INITIAL_READ_BUFFER = 1024;
    /** The server's largest frame by default (missive.tcp.*.max-frame-bytes); anything larger is a broken stream. */
    private static final int MAX_FRAME_BYTES = 524_288;

    private final SocketChannel channel;
    private final ArrayDeque<ByteBuffer> unwritten = new ArrayDeque<>();
    private ByteBuffer in = ByteBuffer.allocate(INITIAL_READ_BUFFER);
    private volatile SelectionKey key;

    private BinaryTcpClient(SocketChannel channel, int payloadBytes, DeliveryListener listener) {
        super(payloadBytes, listener);
        this.channel = channel;
    }

    static BinaryTcpClient connect(Selector selector, InetSocketAddress address, BenchAccount self, int payloadBytes,
                                   DeliveryListener listener) throws IOException {
        SocketChannel channel = SocketChannel.open();
        BinaryTcpClient client = new BinaryTcpClient(channel, payloadBytes, listener);
        try {
            channel.socket().connect(address, (int) LOGIN_TIMEOUT.toMillis());
            channel.socket().setTcpNoDelay(true);
            channel.configureBlocking(false);
            client.key = channel.register(selector, SelectionKey.OP_READ, client);
            selector.wakeup();
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot connect " + self.username() + " to " + address + ": " + e, e);
        }
        client.login(self, "tcp://" + address.getHostString() + ":" + address.getPort());
        return client;
    }

    @Override
    void send(BinaryFrame frame) {
        int length = BinaryCodec.encodedLength(frame);
        byte[] bytes = new byte[PREFIX_BYTES + length];
        ByteBuffer.wrap(bytes).putInt(length);
        BinaryCodec.encodeInto(frame, bytes, PREFIX_BYTES);
        ByteBuffer out = ByteBuffer.wrap(bytes);
        try {
            synchronized (this) {
                if (unwritten.isEmpty()) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        return;
                    }
                }
                unwritten.add(out);
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
            key.selector().wakeup();
        } catch (IOException | CancelledKeyException e) {
            lost("send failed: " + e, e);
        }
    }

    /** The selector says the socket takes bytes again. */
    void writable() {
        try {
            synchronized (this) {
                while (!unwritten.isEmpty()) {
                    ByteBuffer head = unwritten.peek();
                    channel.write(head);
                    if (head.hasRemaining()) {
                        return;
                    }
                    unwritten.poll();
                }
                key.interestOps(SelectionKey.OP_READ);
            }
        } catch (IOException | CancelledKeyException e) {
            lost("send failed: " + e, e);
        }
    }

    /** The selector says bytes arrived: reads them and hands on every whole frame. */
    void readable() {
        int read;
        try {
            read = channel.read(in);
        } catch (IOException e) {
            lost("connection failed: " + e, e);
            return;
        }
        if (read < 0) {
            lost("the server closed the connection", null);
            return;
        }
        long now = System.nanoTime();
        in.flip();
        while (in.remaining() >= PREFIX_BYTES) {
            int length = in.getInt(in.position());
            if (length < 0 || length > MAX_FRAME_BYTES) {
                protocolError("a frame of " + Integer.toUnsignedString(length) + " bytes from the server");
                lost("broken stream", null);
                return;
            }
            if (in.remaining() < PREFIX_BYTES + length) {
                if (in.capacity() < PREFIX_BYTES + length) {
                    ByteBuffer larger = ByteBuffer.allocate(PREFIX_BYTES + length);
                    larger.put(in);
                    in = larger;
                    return;
                }
                break;
            }
            int frameStart = in.position() + PREFIX_BYTES;
            ByteBuffer frame = in.duplicate();
            frame.position(frameStart).limit(frameStart + length);
            in.position(frameStart + length);
            received(frame, now);
        }
        in.compact();
    }

    private void lost(String what, Throwable cause) {
        abort();
        connectionLost(what, cause);
    }

    @Override
    void abort() {
        try {
            channel.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        startClosing();
        // give the DISCONNECT a moment to be written, so the server sees a polite goodbye
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (pending() && channel.isOpen() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        abort();
    }

    private synchronized boolean pending() {
        return !unwritten.isEmpty();
    }
}
