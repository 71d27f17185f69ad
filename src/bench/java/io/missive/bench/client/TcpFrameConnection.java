package io.missive.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One TCP connection of the load generator whose server sends frames that start with their 4-byte
 * big-endian length (the binary protocol over TCP, and the text push protocol, whose size counts the
 * frame type and data): registered with a selector of {@link SelectorLoops}, whose thread calls
 * {@link #readable()} and {@link #writable()}. {@link #write} writes from any thread under the
 * connection's lock and leaves what the socket did not take to the selector. The read buffer starts
 * small (an idle connection costs little in the load generator) and grows only for a frame that needs it.
 */
final class TcpFrameConnection {

    /** How a server's frames show their length. */
    interface Framing {
        /** Bytes of a frame's header, enough to know its whole length. */
        int headerBytes();

        /** The whole frame's length from the header at {@code in}'s position; -1 when the stream is broken. */
        int frameLength(ByteBuffer in);
    }

    /** A 4-byte big-endian length before the rest (the binary protocol over TCP, the text push protocol). */
    static final Framing LENGTH_PREFIX = new Framing() {
        @Override
        public int headerBytes() {
            return PREFIX_BYTES;
        }

        @Override
        public int frameLength(ByteBuffer in) {
            int length = in.getInt(in.position());
            return length < 0 || length > MAX_FRAME_BYTES ? -1 : PREFIX_BYTES + length;
        }
    };

    /** What the owner of a connection hears: whole frames, and the end of the connection. */
    interface Frames {
        /** One whole frame, its header included, read at {@code now} ({@link System#nanoTime()}). */
        void frame(ByteBuffer frame, long now);

        /** The connection failed, the server closed it, or its stream broke. */
        void lost(String what, Throwable cause);
    }

    static final int PREFIX_BYTES = 4;
    private static final int INITIAL_READ_BUFFER = 1024;
    /** The server's largest frame by default (missive.tcp.*.max-frame-bytes); anything larger is a broken stream. */
    private static final int MAX_FRAME_BYTES = 524_288;

    private final SocketChannel channel;
    private final Frames owner;
    private final Framing framing;
    private final ArrayDeque<ByteBuffer> unwritten = new ArrayDeque<>();
    private ByteBuffer in = ByteBuffer.allocate(INITIAL_READ_BUFFER);
    private volatile SelectionKey key;

    private TcpFrameConnection(SocketChannel channel, Frames owner, Framing framing) {
        this.channel = channel;
        this.owner = owner;
        this.framing = framing;
    }

    /** Connects (blocking, within {@code timeout}) and registers with {@code selector}. */
    static TcpFrameConnection open(Selector selector, InetSocketAddress address, Duration timeout, Frames owner)
            throws IOException {
        return open(selector, address, timeout, owner, LENGTH_PREFIX);
    }

    /** Connects (blocking, within {@code timeout}) and registers with {@code selector}; frames as {@code framing} says. */
    static TcpFrameConnection open(Selector selector, InetSocketAddress address, Duration timeout, Frames owner,
                                   Framing framing) throws IOException {
        SocketChannel channel = SocketChannel.open();
        TcpFrameConnection connection = new TcpFrameConnection(channel, owner, framing);
        try {
            channel.socket().connect(address, (int) timeout.toMillis());
            channel.socket().setTcpNoDelay(true);
            channel.configureBlocking(false);
            connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
            selector.wakeup();
            return connection;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Writes {@code bytes}, whole, in order with other writes; thread-safe; reports a failure to the owner. */
    void write(byte[] bytes) {
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
        while (in.remaining() >= framing.headerBytes()) {
            int length = framing.frameLength(in);
            if (length < 0) {
                lost("broken stream: a bad frame header from the server", null);
                return;
            }
            if (in.remaining() < length) {
                if (in.capacity() < length) {
                    ByteBuffer larger = ByteBuffer.allocate(length);
                    larger.put(in);
                    in = larger;
                    return;
                }
                break;
            }
            int frameEnd = in.position() + length;
            ByteBuffer frame = in.duplicate();
            frame.limit(frameEnd);
            in.position(frameEnd);
            owner.frame(frame, now);
        }
        in.compact();
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Drops the connection at once. */
    void abort() {
        try {
            channel.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    /** Gives what is still queued (a goodbye) a moment to be written, then closes. */
    void closeAfterPendingWrites() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (pending() && channel.isOpen() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        abort();
    }

    private synchronized boolean pending() {
        return !unwritten.isEmpty();
    }

    private void lost(String what, Throwable cause) {
        abort();
        owner.lost(what, cause);
    }
}
