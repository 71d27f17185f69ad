package io.missive.bench.client;

import io.missive.msgd.MsgdBodies;
import io.missive.msgd.MsgdCipher;
import io.missive.msgd.MsgdCodec;
import io.missive.msgd.MsgdHeader;
import io.missive.msgd.MsgdType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client of msgd's device protocol (seed 000, docs/protocol-msgd.md), framed as msgd's C library
 * frames: joins {@link MsgdProtocol#GROUP} as a BOTH client under its username with a key of its own,
 * sends p2p messages to (group, user) with a persistTime (so that they are stored, as every other
 * protocol's messages in the suite), and counts a message as acknowledged at its {@code {errCode=10000}}
 * reply, which Missive sends after the commit. Deliveries are deciphered with the client's key; msgd
 * has no delivery acknowledgement. Requests in flight wait in a map under their trpc seq.
 */
final class MsgdTcpClient implements MessagingClient, TcpFrameConnection.Frames {

    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(30);
    /** How long a message waits for an offline destination: well past any step. */
    private static final int PERSIST_SECONDS = 600;
    private static final int OK = 10_000;

    /** trpc's header: the sync bytes, type, padding, seq, then the little-endian length. */
    static final TcpFrameConnection.Framing TRPC = new TcpFrameConnection.Framing() {
        @Override
        public int headerBytes() {
            return MsgdCodec.TRPC_HEADER_BYTES;
        }

        @Override
        public int frameLength(ByteBuffer in) {
            int at = in.position();
            if (in.get(at) != MsgdCodec.SYNC_1 || in.get(at + 1) != MsgdCodec.SYNC_2) {
                return -1;   // Missive frames every reply and push exactly: anything else is a broken stream
            }
            int length = in.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(at + 9);
            return length < MsgdCodec.MSGD_HEADER_BYTES || length > MsgdCodec.MAX_TRPC_LENGTH
                    ? -1 : MsgdCodec.TRPC_HEADER_BYTES + length;
        }
    };

    private final String username;
    private final byte[] key;
    private final int payloadBytes;
    private final DeliveryListener listener;
    private final AtomicInteger nextSeq = new AtomicInteger();
    private final ConcurrentHashMap<Integer, LoadMessage> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Integer> joined = new CompletableFuture<>();
    private volatile int joinSeq;
    // set once the socket is open, read by the selector thread
    private volatile TcpFrameConnection connection;
    private volatile boolean closing;

    private MsgdTcpClient(String username, int payloadBytes, DeliveryListener listener) {
        this.username = username;
        this.key = ("k-" + username).getBytes(StandardCharsets.UTF_8);
        this.payloadBytes = payloadBytes;
        this.listener = listener;
    }

    static MsgdTcpClient connect(Selector selector, InetSocketAddress address, BenchAccount self, int payloadBytes,
                                 DeliveryListener listener) throws IOException {
        MsgdTcpClient client = new MsgdTcpClient(self.username(), payloadBytes, listener);
        String where = "msgd://" + address.getHostString() + ":" + address.getPort();
        try {
            client.connection = TcpFrameConnection.open(selector, address, LOGIN_TIMEOUT, client, TRPC);
        } catch (IOException e) {
            throw new IOException("cannot connect " + self.username() + " to " + where + ": " + e, e);
        }
        client.join(where);
        return client;
    }

    private void join(String where) throws IOException {
        byte[] body = MsgdCipher.encode(MsgdCipher.JOIN_KEY, MsgdBodies.joinBody(MsgdProtocol.GROUP, username, key));
        joinSeq = nextSeq.incrementAndGet();
        send(joinSeq, MsgdType.BOTH_JOIN, 0, body);
        try {
            int code = joined.get(LOGIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (code != OK) {
                throw new IOException("join of " + username + " at " + where + " answered " + code);
            }
        } catch (ExecutionException e) {
            throw new IOException("join of " + username + " at " + where + " failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IOException("no answer to the join of " + username + " within " + LOGIN_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    @Override
    public void publish(Destination destination, LoadMessage message) {
        int seq = nextSeq.incrementAndGet();
        inFlight.put(seq, message);
        byte[] payload = message.toPayload(payloadBytes);
        if (destination instanceof Destination.User user) {
            send(seq, MsgdType.P2P, seq, MsgdCipher.encode(key,
                    MsgdBodies.p2pBody(MsgdProtocol.GROUP, user.account().username(), PERSIST_SECONDS, payload)));
        } else {
            send(seq, MsgdType.PUBLISH, seq, MsgdCipher.encode(key,
                    MsgdBodies.publishBody(((Destination.Group) destination).name(), PERSIST_SECONDS, payload)));
        }
    }

    /** Keeps the connection alive: Missive closes a msgd client silent for more than 60 s, as msgd did. */
    void keepAlive() {
        if (connection.isOpen() && !closing) {
            send(nextSeq.incrementAndGet(), MsgdType.KEEPALIVE, 0, MsgdCipher.encode(key, "alive".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private void send(int trpcSeq, int type, int msgdSeq, byte[] data) {
        ByteBuffer frame = MsgdCodec.request(trpcSeq, new MsgdHeader(MsgdHeader.V200, type, msgdSeq, data.length), data);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        connection.write(bytes);
    }

    @Override
    public void frame(ByteBuffer frame, long now) {
        ByteBuffer in = frame.slice().order(ByteOrder.LITTLE_ENDIAN);
        int trpcType = in.get(2) & 0xFF;
        int trpcSeq = in.getInt(5);
        int msgdType = in.getInt(MsgdCodec.TRPC_HEADER_BYTES + 8);
        byte[] data = new byte[in.getInt(MsgdCodec.TRPC_HEADER_BYTES + 16)];
        in.get(MsgdCodec.TRPC_HEADER_BYTES + MsgdCodec.MSGD_HEADER_BYTES, data);
        if (trpcType == MsgdCodec.TRPC_REPLY) {
            reply(trpcSeq, data, now);
        } else if (msgdType == MsgdType.DELIVERY) {
            listener.received(LoadMessage.fromPayload(MsgdCipher.decode(key, data)), now);
        }   // else a 0x10E completion: the reply has counted the message already
    }

    private void reply(int trpcSeq, byte[] body, long now) {
        Integer code = MsgdCodec.errCode(body);
        if (trpcSeq == joinSeq) {
            joined.complete(code == null ? -1 : code);
            return;
        }
        LoadMessage published = inFlight.remove(trpcSeq);
        if (code == null || code != OK) {
            listener.failed("msgd answered " + new String(body, StandardCharsets.ISO_8859_1) + " to " + username);
        } else if (published != null) {
            listener.acknowledged(published, now);
        }
    }

    @Override
    public void lost(String what, Throwable cause) {
        joined.completeExceptionally(new IOException(what));
        if (!closing) {
            listener.failed(what);
        }
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        if (!connection.isOpen()) {
            return;
        }
        closing = true;   // msgd has no goodbye
        connection.closeAfterPendingWrites();
    }
}
