package io.missive.bench.client;

import io.missive.binary.BinaryCodec;
import io.missive.binary.BinaryFrame;
import io.missive.binary.MalformedFrameException;
import io.missive.core.model.MessageId;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a binary-protocol connection of the load generator does whatever carries its frames
 * (WebSocket messages, or TCP with a length prefix): logs in, publishes, acknowledges pushes at
 * once and answers server PINGs. The MsgId of a publish is the message's
 * {@link LoadMessage#toHexId()}, so PUB_ACK gives the message back without a map. A transport
 * writes frames ({@link #send}) and hands each whole frame it reads to {@link #received}.
 */
abstract class BinaryProtocolClient implements MessagingClient {

    static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(30);

    private final int payloadBytes;
    private final DeliveryListener listener;
    private final CompletableFuture<BinaryFrame.ConnectAck> login = new CompletableFuture<>();
    private volatile boolean closing;

    BinaryProtocolClient(int payloadBytes, DeliveryListener listener) {
        this.payloadBytes = payloadBytes;
        this.listener = listener;
    }

    /** Writes one frame; thread-safe; reports a failure through {@link #connectionLost}. */
    abstract void send(BinaryFrame frame);

    /** Drops the connection at once, without a DISCONNECT. */
    abstract void abort();

    /**
     * Sends CONNECT and waits for the server's CONNECT_ACK; aborts the connection when the login is
     * refused, times out or the connection fails.
     */
    final void login(BenchAccount self, Object where) throws IOException {
        long timeoutMillis = LOGIN_TIMEOUT.toMillis();
        try {
            send(new BinaryFrame.Connect(self.username(), self.password()));
            BinaryFrame.ConnectAck ack = login.get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (!ack.accepted()) {
                abort();
                throw new IOException("login of " + self.username() + " refused with CONNECT_ACK " + ack.code());
            }
        } catch (ExecutionException e) {
            abort();
            throw new IOException("cannot log in " + self.username() + " at " + where + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            abort();
            throw new IOException("no login of " + self.username() + " at " + where + " within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            abort();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while logging in " + self.username());
        }
    }

    @Override
    public final void publish(Destination destination, LoadMessage message) {
        MessageId msgId = MessageId.ofText(message.toHexId());
        byte[] payload = message.toPayload(payloadBytes);
        if (destination instanceof Destination.User user) {
            send(new BinaryFrame.Publish(user.account().uid(), msgId, payload));
        } else if (destination instanceof Destination.Group group) {
            send(new BinaryFrame.GroupPublish(group.id(), msgId, payload));
        }
    }

    /** One whole frame from the server, read at {@code now} ({@link System#nanoTime()}). */
    final void received(ByteBuffer data, long now) {
        BinaryFrame frame;
        try {
            frame = BinaryCodec.decodeServerFrame(data);
        } catch (MalformedFrameException e) {
            listener.failed("malformed frame from the server: " + e.getMessage());
            return;
        }
        if (frame instanceof BinaryFrame.Push push) {
            listener.received(LoadMessage.fromPayload(push.payload()), now);
            send(new BinaryFrame.PubAck(push.msgId()));
        } else if (frame instanceof BinaryFrame.RichPush push) {
            listener.received(LoadMessage.fromPayload(push.payload()), now);
            send(new BinaryFrame.PubAck(push.msgId()));
        } else if (frame instanceof BinaryFrame.PubAck ack) {
            listener.acknowledged(LoadMessage.fromHexId(ack.msgId().toText()), now);
        } else if (frame instanceof BinaryFrame.GroupPubAck ack) {
            listener.acknowledged(LoadMessage.fromHexId(ack.msgId().toText()), now);
        } else if (frame instanceof BinaryFrame.PubRefused refused) {
            listener.failed("PUB_REFUSED " + refused.code() + " " + refused.reason());
        } else if (frame instanceof BinaryFrame.Ping) {
            send(BinaryFrame.PingResp.INSTANCE);
        } else if (frame instanceof BinaryFrame.ConnectAck ack) {
            login.complete(ack);
        } else if (frame instanceof BinaryFrame.Disconnect) {
            listener.failed("the server sent DISCONNECT");
        } else {
            listener.failed("unexpected frame " + frame);
        }
    }

    /** The connection failed or the server closed it: an error unless this client is closing. */
    final void connectionLost(String what, Throwable cause) {
        if (!closing) {
            listener.failed(what);
        }
        login.completeExceptionally(cause != null ? cause : new IOException(what));
    }

    /** Reports the server's violations of the protocol (a text message on a binary WebSocket, say). */
    final void protocolError(String what) {
        listener.failed(what);
    }

    /** Marks the client as closing (failures are no longer errors) and sends DISCONNECT. */
    final void startClosing() {
        closing = true;
        send(BinaryFrame.Disconnect.INSTANCE);
    }

    final boolean closing() {
        return closing;
    }
}
