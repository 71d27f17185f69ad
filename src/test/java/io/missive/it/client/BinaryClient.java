package io.missive.it.client;

import io.missive.binary.BinaryCodec;
import io.missive.binary.BinaryFrame;
import io.missive.binary.BinaryFrame.Connect;
import io.missive.binary.BinaryFrame.ConnectAck;
import io.missive.binary.BinaryFrame.Ping;
import io.missive.binary.BinaryFrame.PingResp;
import io.missive.binary.BinaryFrame.PubAck;
import io.missive.binary.BinaryFrame.Push;
import io.missive.binary.BinaryFrame.RichPush;
import io.missive.binary.MalformedFrameException;

import io.missive.core.model.MessageId;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the binary protocol's test clients share, whatever carries the frames (a WebSocket, a
 * length-prefixed TCP stream): frames from the server are decoded with
 * {@link BinaryCodec#decodeServerFrame} and queued in arrival order for {@link #next(Duration)} and
 * {@link #poll(Duration)}; a PING is answered at once unless {@link #setAutoPong(boolean)} says not,
 * pushes are acknowledged only with {@link #setAutoAck(boolean)}. Failures a test should see (a
 * timeout, a frame that does not decode, the connection closing while a frame is awaited) are
 * {@link AssertionError}s.
 */
public abstract class BinaryClient implements AutoCloseable {

    /** How long login and sends wait. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Object CLOSED = new Object();

    protected final String name;
    private final LinkedBlockingDeque<Object> inbox = new LinkedBlockingDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger pingsAnswered = new AtomicInteger();
    private volatile boolean autoPong = true;
    private volatile boolean autoAck;

    protected BinaryClient(String name) {
        this.name = name;
    }

    // ------------------------------------------------------------------ transport

    /** Sends one whole frame's bytes as the transport frames them; waits until written. */
    public abstract void sendRaw(byte[] frame);

    /** Sends one whole frame from the receiving thread (automatic answers), without waiting on it. */
    protected abstract void sendFromReceiver(byte[] frame);

    /** How the connection ended, for messages. */
    protected abstract String describeClose();

    // ------------------------------------------------------------------ settings

    /** Whether a server PING is answered with PING_RESP at once (and not queued). On by default. */
    public void setAutoPong(boolean autoPong) {
        this.autoPong = autoPong;
    }

    /** Whether a PUBLISH push or RICH_PUSH is acknowledged with PUB_ACK at once (it is queued too). Off by default. */
    public void setAutoAck(boolean autoAck) {
        this.autoAck = autoAck;
    }

    /** How many server PINGs were answered automatically. */
    public int pingsAnswered() {
        return pingsAnswered.get();
    }

    // ------------------------------------------------------------------ sending

    /** Encodes and sends one frame; waits until it is written. */
    public void send(BinaryFrame frame) {
        sendRaw(BinaryCodec.encodeToArray(frame));
    }

    /** Logs in with role 0 and no flags: sends CONNECT and returns the CONNECT_ACK. */
    public ConnectAck login(String user, String password) {
        return login(user, password, 0);
    }

    /** Logs in with role 0 and these flags ({@link Connect#FLAG_RICH_PUSH}); returns the CONNECT_ACK. */
    public ConnectAck login(String user, String password, int flags) {
        send(new Connect(user, password, 0, flags));
        return next(ConnectAck.class, DEFAULT_TIMEOUT);
    }

    /** Publishes each text to {@code toUid}, then waits for every PUB_ACK; answers the message ids in order. */
    public List<MessageId> publishAll(long toUid, List<String> texts) {
        List<MessageId> ids = new ArrayList<>();
        for (String text : texts) {
            MessageId id = MessageId.random();
            ids.add(id);
            send(new BinaryFrame.Publish(toUid, id, text.getBytes(StandardCharsets.UTF_8)));
        }
        for (MessageId id : ids) {
            BinaryFrame.PubAck ack = next(BinaryFrame.PubAck.class, DEFAULT_TIMEOUT);
            if (!ack.msgId().equals(id)) {
                throw new AssertionError(name + ": PUB_ACK for " + ack.msgId() + " where " + id + " was next");
            }
        }
        return ids;
    }

    /** Takes the next {@code count} pushes and acknowledges each; answers their payloads as UTF-8 text. */
    public List<String> receiveAndAcknowledge(int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Push push = next(Push.class, DEFAULT_TIMEOUT);
            texts.add(new String(push.payload(), StandardCharsets.UTF_8));
            send(new PubAck(push.msgId()));
        }
        return texts;
    }

    // ------------------------------------------------------------------ receiving

    /**
     * The next frame from the server, waiting at most {@code timeout}.
     *
     * @throws AssertionError on timeout, when the connection closed first, or when the server sent
     *         something that is not a frame
     */
    public BinaryFrame next(Duration timeout) {
        Object item = take(timeout);
        if (item == null) {
            throw new AssertionError(name + ": no frame from the server within " + timeout);
        }
        if (item == CLOSED) {
            throw new AssertionError(name + ": the connection closed (" + describeClose() + ") before another frame came");
        }
        return frameOrFail(item);
    }

    /** The next frame, which must be of this type; see {@link #next(Duration)}. */
    public <T extends BinaryFrame> T next(Class<T> type, Duration timeout) {
        BinaryFrame frame = next(timeout);
        if (!type.isInstance(frame)) {
            throw new AssertionError(name + ": expected " + type.getSimpleName() + " but the server sent " + frame);
        }
        return type.cast(frame);
    }

    /**
     * The next frame if one comes within {@code timeout}; empty on timeout or when the connection is
     * closed and every frame before the close was taken.
     *
     * @throws AssertionError when the server sent something that is not a frame
     */
    public Optional<BinaryFrame> poll(Duration timeout) {
        Object item = take(timeout);
        if (item == null || item == CLOSED) {
            return Optional.empty();
        }
        return Optional.of(frameOrFail(item));
    }

    private Object take(Duration timeout) {
        try {
            Object item = inbox.pollFirst(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (item == CLOSED) {
                inbox.addFirst(CLOSED); // stays, for every later call
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted while waiting for a frame", e);
        }
    }

    private BinaryFrame frameOrFail(Object item) {
        if (item instanceof Failure failure) {
            throw new AssertionError(name + ": " + failure.message);
        }
        return (BinaryFrame) item;
    }

    // ------------------------------------------------------------------ closing

    /** Waits until the connection is closed (by either side, or failed); true if it is. */
    public boolean awaitClosed(Duration timeout) {
        try {
            return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return closed.getCount() == 0;
        }
    }

    /** Whether the connection is closed. */
    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + (isClosed() ? ", closed: " + describeClose() : "") + "]";
    }

    // ------------------------------------------------------------------ for the transport's receiving side

    private record Failure(String message) {
    }

    /** One whole frame from the server. */
    protected void deliver(byte[] bytes) {
        BinaryFrame frame;
        try {
            frame = BinaryCodec.decodeServerFrame(bytes);
        } catch (MalformedFrameException e) {
            String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64)) + (bytes.length > 64 ? "..." : "");
            fail("the server sent a malformed frame (" + e.getMessage() + "): " + hex);
            return;
        }
        if (frame instanceof Ping && autoPong) {
            pingsAnswered.incrementAndGet();
            sendFromReceiver(BinaryCodec.encodeToArray(PingResp.INSTANCE));
            return;
        }
        if (autoAck) {
            if (frame instanceof Push push) {
                sendFromReceiver(BinaryCodec.encodeToArray(new PubAck(push.msgId())));
            } else if (frame instanceof RichPush push) {
                sendFromReceiver(BinaryCodec.encodeToArray(new PubAck(push.msgId())));
            }
        }
        inbox.addLast(frame);
    }

    /** Something the server sent that a test should see as a failure when it takes the next frame. */
    protected void fail(String message) {
        inbox.addLast(new Failure(message));
    }

    /** The connection is gone; call once. */
    protected void ended() {
        inbox.addLast(CLOSED);
        closed.countDown();
    }
}
