package io.missive.it.client;

import io.missive.msgd.MsgdBodies;
import io.missive.msgd.MsgdCipher;
import io.missive.msgd.MsgdCodec;
import io.missive.msgd.MsgdHeader;
import io.missive.msgd.MsgdType;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device built on msgd's client library, over a raw socket, framing exactly as the library does
 * ({@code protocols/msgd.md}): each request is a trpc frame of type 0 (little-endian header
 * {@code F7 F8}, type, padding, seq, length) around a msgd header ({@code TSRQ}, {@code V200}, type,
 * seq, length) and data enciphered with the join's fixed key or the client's own. The frames are
 * built with {@link MsgdCodec#request}, the bodies with {@link MsgdBodies}, the cipher is
 * {@link MsgdCipher}: the codec's helpers, tested byte for byte against the spec.
 *
 * <p>Requests are numbered with a per-connection trpc seq from 1, as the library does; a reply (trpc
 * type 1) is matched to its request by that seq. A reader thread parses what the server sends
 * (scanning for {@code F7 F8} as the library does) and queues replies and pushes apart: deliveries
 * (0x10C, deciphered with the client's key) and completions (0x10E). Anything that is not a frame the
 * library would accept is a failure the test sees on its next read. Sends are thread-safe.
 */
public final class MsgdTcpClient implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** A frame from the server, its data as it came (enciphered or not). */
    public record Frame(int trpcType, int trpcSeq, String version, int type, int seq, byte[] data) {

        public String text() {
            return new String(data, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return "Frame[trpc " + trpcType + "/" + trpcSeq + ", " + version + " " + MsgdType.name(type) + " seq " + seq
                    + ", data " + HexFormat.of().formatHex(data, 0, Math.min(64, data.length)) + "]";
        }
    }

    /** A reply: the repeated header (type + 1, the request's msgd seq) and the {@code {errCode=N}} code. */
    public record Reply(Frame frame, int code) {
        public int type() {
            return frame.type();
        }
    }

    /** A push from the server: a delivery's deciphered text or a completion's result. */
    public sealed interface Push {
    }

    /** A 0x10C delivery, deciphered with this client's key. */
    public record Delivery(Frame frame, byte[] message) implements Push {
        public String text() {
            return new String(message, StandardCharsets.UTF_8);
        }
    }

    /** A 0x10E completion {@code {"errCode"=R,"msgId"=M}}. */
    public record Completion(Frame frame, int result, int msgId) implements Push {
    }

    private static final Pattern COMPLETION = Pattern.compile("\\{\"errCode\"=(-?\\d+),\"msgId\"=(-?\\d+)}");
    private static final Object CLOSED = new Object();
    private static final int MAX_TRPC_LENGTH = MsgdCodec.MAX_TRPC_LENGTH;

    private final String name;
    private final Socket socket;
    private final OutputStream out;
    private final AtomicInteger trpcSeq = new AtomicInteger();
    /** The msgd seqs of background keepalives, apart from a test's own. */
    private final AtomicInteger keepaliveSeq = new AtomicInteger(1_000_000);
    private final LinkedBlockingDeque<Object> replies = new LinkedBlockingDeque<>();
    private final LinkedBlockingDeque<Object> pushes = new LinkedBlockingDeque<>();
    private final Set<Integer> backgroundKeepalives = ConcurrentHashMap.newKeySet();
    private final AtomicInteger backgroundKeepalivesAnswered = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile byte[] key;
    private volatile String endedBy = "open";
    private volatile ScheduledExecutorService keepaliveTimer;

    private MsgdTcpClient(String name, Socket socket) throws IOException {
        this.name = name;
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "msgd-client-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects to 127.0.0.1 (the msgd listener's default bind address). */
    public static MsgdTcpClient connect(int port) throws IOException {
        return connect("127.0.0.1", port);
    }

    public static MsgdTcpClient connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setTcpNoDelay(true);
        return new MsgdTcpClient(host + ":" + port + " from " + socket.getLocalPort(), socket);
    }

    /** The client's own port: the server's log lines name the peer as {@code 127.0.0.1:<this port>}. */
    public int localPort() {
        return socket.getLocalPort();
    }

    // ------------------------------------------------------------------ requests

    /**
     * Sends a request with a {@code V200} header of this type and msgd seq, its data as given (already
     * enciphered, or not, as the test wants); answers the trpc seq to await the reply with.
     */
    public int send(int type, int msgdSeq, byte[] data) throws IOException {
        return send(new MsgdHeader(MsgdHeader.V200, type, msgdSeq, data.length), data);
    }

    /** Sends a request with exactly this header's version, type and seq (its length is the data's). */
    public int send(MsgdHeader header, byte[] data) throws IOException {
        int seq = trpcSeq.incrementAndGet();
        sendRaw(toArray(MsgdCodec.request(seq, header, data)));
        return seq;
    }

    /** Writes bytes as they are: garbage, a broken frame, a frame in pieces. */
    public void sendRaw(byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** The next trpc seq {@link #send} will use (for tests that frame a request by hand). */
    public int nextTrpcSeq() {
        return trpcSeq.incrementAndGet();
    }

    /**
     * Joins as the library does: join type (0x100 NORMAL, 0x102 PUBLISHER, 0x104 SUBSCRIBER, 0x106
     * BOTH), msgd seq 0, the body {@code {group=..,user=..,encrypt=<key>}} enciphered with
     * {@code winkywang}; keeps the key for everything after. Answers the reply.
     */
    public Reply join(int joinType, String group, String user, String key) throws IOException {
        byte[] keyBytes = key.getBytes(StandardCharsets.US_ASCII);
        this.key = keyBytes;
        int seq = send(joinType, 0, MsgdCipher.encode(MsgdCipher.JOIN_KEY, MsgdBodies.joinBody(group, user, keyBytes)));
        return reply(seq, DEFAULT_TIMEOUT);
    }

    /** A keepalive with this msgd seq carrying {@code aliveMessage} enciphered with the key; answers the reply. */
    public Reply keepalive(String aliveMessage, int msgdSeq) throws IOException {
        int seq = send(MsgdType.KEEPALIVE, msgdSeq, encipher(aliveMessage.getBytes(StandardCharsets.UTF_8)));
        return reply(seq, DEFAULT_TIMEOUT);
    }

    /** A p2p to (group, user) with the caller's msgId as msgd seq; answers the reply (0x10D). */
    public Reply p2p(String group, String user, int persistSeconds, String message, int msgId) throws IOException {
        return p2p(group, user, persistSeconds, message.getBytes(StandardCharsets.UTF_8), msgId);
    }

    public Reply p2p(String group, String user, int persistSeconds, byte[] message, int msgId) throws IOException {
        int seq = send(MsgdType.P2P, msgId, encipher(MsgdBodies.p2pBody(group, user, persistSeconds, message)));
        return reply(seq, DEFAULT_TIMEOUT);
    }

    /** A publish to a group with the caller's msgId as msgd seq; answers the reply (0x10B). */
    public Reply publish(String group, int persistSeconds, String message, int msgId) throws IOException {
        int seq = send(MsgdType.PUBLISH, msgId,
                encipher(MsgdBodies.publishBody(group, persistSeconds, message.getBytes(StandardCharsets.UTF_8))));
        return reply(seq, DEFAULT_TIMEOUT);
    }

    /** Enciphers with the key of the join (fails before a join). */
    public byte[] encipher(byte[] plain) {
        byte[] k = key;
        if (k == null) {
            throw new IllegalStateException("no key before the join: set one with useKey or join first");
        }
        return MsgdCipher.encode(k, plain);
    }

    /** Sets the key without a join (for requests sent before one). */
    public void useKey(String key) {
        this.key = key.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends a keepalive every {@code interval} in the background, as the library does; their replies
     * are taken off (and counted) by the reader, so tests see only their own. A reply that is not
     * {@code {errCode=10000}} to one of them is a failure.
     */
    public void keepAliveEvery(Duration interval) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "msgd-keepalive-" + name);
            t.setDaemon(true);
            return t;
        });
        keepaliveTimer = timer;
        timer.scheduleWithFixedDelay(() -> {
            if (isClosed()) {
                return;
            }
            int seq = trpcSeq.incrementAndGet();
            backgroundKeepalives.add(seq);
            try {
                sendRaw(toArray(MsgdCodec.request(seq, new MsgdHeader(MsgdHeader.V200, MsgdType.KEEPALIVE,
                        keepaliveSeq.incrementAndGet(), 0), encipher("alive".getBytes(StandardCharsets.US_ASCII)))));
            } catch (IOException e) {
                // the connection ended: the reader notices
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many background keepalives were answered with 10000. */
    public int backgroundKeepalivesAnswered() {
        return backgroundKeepalivesAnswered.get();
    }

    // ------------------------------------------------------------------ replies and pushes

    /** The reply to the request sent with this trpc seq; fails on another reply, a timeout or the close. */
    public Reply reply(int trpcSeq, Duration timeout) {
        Object item = take(replies, timeout);
        if (item == null) {
            throw new AssertionError(name + ": no reply to trpc seq " + trpcSeq + " within " + timeout);
        }
        if (item == CLOSED) {
            throw new AssertionError(name + ": the connection closed (" + endedBy + ") before the reply to trpc seq "
                    + trpcSeq);
        }
        Reply reply = replyOrFail(item);
        if (reply.frame().trpcSeq() != trpcSeq) {
            throw new AssertionError(name + ": a reply to trpc seq " + reply.frame().trpcSeq() + " where " + trpcSeq
                    + " was awaited: " + reply.frame());
        }
        return reply;
    }

    /** A reply if one comes within {@code timeout}; empty on timeout or the close. */
    public Optional<Reply> pollReply(Duration timeout) {
        Object item = take(replies, timeout);
        return item == null || item == CLOSED ? Optional.empty() : Optional.of(replyOrFail(item));
    }

    /** The next push; fails on a timeout or the close. */
    public Push nextPush(Duration timeout) {
        Object item = take(pushes, timeout);
        if (item == null) {
            throw new AssertionError(name + ": no push within " + timeout);
        }
        if (item == CLOSED) {
            throw new AssertionError(name + ": the connection closed (" + endedBy + ") before a push came");
        }
        return pushOrFail(item);
    }

    public <T extends Push> T next(Class<T> type, Duration timeout) {
        Push push = nextPush(timeout);
        if (!type.isInstance(push)) {
            throw new AssertionError(name + ": expected a " + type.getSimpleName() + " but the server pushed " + push);
        }
        return type.cast(push);
    }

    /** The next delivery, deciphered. */
    public Delivery nextDelivery(Duration timeout) {
        return next(Delivery.class, timeout);
    }

    /** The next completion. */
    public Completion nextCompletion(Duration timeout) {
        return next(Completion.class, timeout);
    }

    /** A push if one comes within {@code timeout}; empty on timeout or the close. */
    public Optional<Push> pollPush(Duration timeout) {
        Object item = take(pushes, timeout);
        return item == null || item == CLOSED ? Optional.empty() : Optional.of(pushOrFail(item));
    }

    private Object take(LinkedBlockingDeque<Object> queue, Duration timeout) {
        try {
            Object item = queue.pollFirst(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (item == CLOSED) {
                queue.addFirst(CLOSED);   // stays, for every later call
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted", e);
        }
    }

    private Reply replyOrFail(Object item) {
        if (item instanceof Failure f) {
            throw new AssertionError(name + ": " + f.message());
        }
        return (Reply) item;
    }

    private Push pushOrFail(Object item) {
        if (item instanceof Failure f) {
            throw new AssertionError(name + ": " + f.message());
        }
        return (Push) item;
    }

    // ------------------------------------------------------------------ reading

    private record Failure(String message) {
    }

    private void readLoop() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                // scan for F7 F8 as the library does; the server should send nothing between frames
                int skipped = 0;
                int b = in.readUnsignedByte();
                while (true) {
                    if (b == 0xF7) {
                        int next = in.readUnsignedByte();
                        if (next == 0xF8) {
                            break;
                        }
                        skipped++;
                        b = next;
                    } else {
                        skipped++;
                        b = in.readUnsignedByte();
                    }
                }
                byte[] header = new byte[11];
                in.readFully(header);
                ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                int trpcType = h.get() & 0xFF;
                h.getShort();   // padding
                int seq = h.getInt();
                int length = h.getInt();
                if (length < MsgdCodec.MSGD_HEADER_BYTES || length > MAX_TRPC_LENGTH) {
                    fail("trpc length " + length + " (seq " + seq + ") is no frame the library reads");
                    break;
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (skipped > 0) {
                    fail(skipped + " bytes before a sync: the server wrote something that is not a frame");
                }
                frame(trpcType, seq, payload);
            }
            endedBy = "bad frame";
        } catch (EOFException e) {
            endedBy = "closed by the server";
        } catch (SocketException e) {
            endedBy = socket.isClosed() ? "closed by the client" : "reset: " + e.getMessage();
        } catch (IOException e) {
            endedBy = "error " + e;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        replies.addLast(CLOSED);
        pushes.addLast(CLOSED);
        closed.countDown();
    }

    private void frame(int trpcType, int trpcSeq, byte[] payload) {
        ByteBuffer p = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        if (p.getInt() != MsgdCodec.MAGIC) {
            fail("a frame without the TSRQ magic: " + HexFormat.of().formatHex(payload, 0, Math.min(32, payload.length)));
            return;
        }
        byte[] ver = new byte[4];
        p.get(ver);
        int type = p.getInt();
        int seq = p.getInt();
        int length = p.getInt();
        if (length != payload.length - MsgdCodec.MSGD_HEADER_BYTES) {
            fail("msgd length " + length + " but " + (payload.length - MsgdCodec.MSGD_HEADER_BYTES) + " bytes follow");
            return;
        }
        byte[] data = Arrays.copyOfRange(payload, MsgdCodec.MSGD_HEADER_BYTES, payload.length);
        Frame frame = new Frame(trpcType, trpcSeq, new String(ver, StandardCharsets.ISO_8859_1), type, seq, data);
        if (trpcType == MsgdCodec.TRPC_REPLY) {
            Integer code = MsgdCodec.errCode(data);
            if (code == null) {
                fail("a reply whose body is not {errCode=N}: " + frame + " \"" + frame.text() + "\"");
                return;
            }
            if (backgroundKeepalives.remove(trpcSeq)) {
                if (code == 10000 && type == MsgdType.replyTo(MsgdType.KEEPALIVE)) {
                    backgroundKeepalivesAnswered.incrementAndGet();
                } else {
                    replies.addLast(new Failure("a background keepalive was answered " + code + ": " + frame));
                }
                return;
            }
            replies.addLast(new Reply(frame, code));
        } else if (trpcType == MsgdCodec.TRPC_REQUEST && type == MsgdType.DELIVERY) {
            byte[] k = key;
            pushes.addLast(k == null ? new Failure("a delivery before the join: " + frame)
                    : new Delivery(frame, MsgdCipher.decode(k, data)));
        } else if (trpcType == MsgdCodec.TRPC_REQUEST && type == MsgdType.COMPLETION) {
            Matcher m = COMPLETION.matcher(frame.text());
            pushes.addLast(m.matches()
                    ? new Completion(frame, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
                    : new Failure("a completion that is not {\"errCode\"=R,\"msgId\"=M}: \"" + frame.text() + "\""));
        } else {
            pushes.addLast(new Failure("a frame the library does not expect: " + frame));
        }
    }

    private void fail(String message) {
        Failure failure = new Failure(message);
        replies.addLast(failure);
        pushes.addLast(failure);
    }

    // ------------------------------------------------------------------ closing

    /** Whether the server closes the connection within {@code timeout} (what it sends until then stays queued). */
    public boolean awaitClosed(Duration timeout) {
        try {
            return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isClosed();
        }
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** How the connection ended, or "open". */
    public String endedBy() {
        return endedBy;
    }

    @Override
    public void close() throws IOException {
        ScheduledExecutorService timer = keepaliveTimer;
        if (timer != null) {
            timer.shutdownNow();
        }
        socket.close();
        awaitClosed(DEFAULT_TIMEOUT);
    }

    @Override
    public String toString() {
        return "MsgdTcpClient[" + name + ", " + endedBy + "]";
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
