package io.missive.bench.client;

import io.missive.binary.BinaryCodec;
import io.missive.binary.BinaryFrame;
import io.missive.binary.MalformedFrameException;
import io.missive.core.model.MessageId;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One binary-protocol connection over the JDK's WebSocket, lean enough for load: frames are
 * encoded with {@link BinaryCodec} straight into buffers, nothing is queued for a reader, pushes
 * are acknowledged at once and server PINGs answered. The MsgId of a publish is the message's
 * {@link LoadMessage#toHexId()}, so PUB_ACK gives the message back without a map.
 *
 * <p>The JDK allows one outstanding send per WebSocket; sends from any thread go through
 * {@link #outbox} and are written one after the other as each completes.
 */
final class BinaryWebSocketClient implements MessagingClient, WebSocket.Listener {

    private final int payloadBytes;
    private final DeliveryListener listener;
    private final CompletableFuture<BinaryFrame.ConnectAck> login = new CompletableFuture<>();
    private final Queue<ByteBuffer> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile WebSocket webSocket;
    private volatile boolean closing;

    private BinaryWebSocketClient(int payloadBytes, DeliveryListener listener) {
        this.payloadBytes = payloadBytes;
        this.listener = listener;
    }

    static BinaryWebSocketClient connect(HttpClient http, URI uri, BenchAccount self, int payloadBytes,
                                         DeliveryListener listener) throws IOException {
        BinaryWebSocketClient client = new BinaryWebSocketClient(payloadBytes, listener);
        long timeoutMillis = BinaryWebSocketProtocol.LOGIN_TIMEOUT.toMillis();
        try {
            client.webSocket = http.newWebSocketBuilder()
                    .connectTimeout(BinaryWebSocketProtocol.LOGIN_TIMEOUT)
                    .buildAsync(uri, client)
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            client.send(new BinaryFrame.Connect(self.username(), self.password()));
            BinaryFrame.ConnectAck ack = client.login.get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (!ack.accepted()) {
                client.webSocket.abort();
                throw new IOException("login of " + self.username() + " refused with CONNECT_ACK " + ack.code());
            }
            return client;
        } catch (ExecutionException e) {
            throw new IOException("cannot connect " + self.username() + " to " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            abort(client);
            throw new IOException("no login of " + self.username() + " at " + uri + " within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            abort(client);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting " + self.username());
        }
    }

    private static void abort(BinaryWebSocketClient client) {
        if (client.webSocket != null) {
            client.webSocket.abort();
        }
    }

    @Override
    public void publish(Destination destination, LoadMessage message) {
        MessageId msgId = MessageId.ofText(message.toHexId());
        byte[] payload = message.toPayload(payloadBytes);
        if (destination instanceof Destination.User user) {
            send(new BinaryFrame.Publish(user.account().uid(), msgId, payload));
        } else if (destination instanceof Destination.Group group) {
            send(new BinaryFrame.GroupPublish(group.id(), msgId, payload));
        }
    }

    private void send(BinaryFrame frame) {
        outbox.add(BinaryCodec.encode(frame));
        drain();
    }

    /** Writes queued frames one at a time; loops instead of recursing when a send completes at once. */
    private void drain() {
        while (sending.compareAndSet(false, true)) {
            ByteBuffer next = outbox.poll();
            if (next == null) {
                sending.set(false);
                if (outbox.isEmpty()) {
                    return;
                }
                continue;
            }
            CompletableFuture<WebSocket> written = webSocket.sendBinary(next, true);
            if (written.isDone() && !written.isCompletedExceptionally()) {
                sending.set(false);
                continue;
            }
            written.whenComplete((ws, failure) -> {
                if (failure != null && !closing) {
                    listener.failed("send failed: " + failure);
                }
                sending.set(false);
                drain();
            });
            return;
        }
    }

    // ------------------------------------------------------------------ WebSocket.Listener

    @Override
    public void onOpen(WebSocket webSocket) {
        // no back-pressure towards the server: the load generator consumes as fast as it can
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (!last || partial.size() > 0) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (!last) {
                return null;
            }
            data = ByteBuffer.wrap(partial.toByteArray());
            partial.reset();
        }
        long now = System.nanoTime();
        BinaryFrame frame;
        try {
            frame = BinaryCodec.decodeServerFrame(data);
        } catch (MalformedFrameException e) {
            listener.failed("malformed frame from the server: " + e.getMessage());
            return null;
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
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        listener.failed("the server sent a text message");
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!closing) {
            listener.failed("the server closed the connection: " + statusCode + " " + reason);
        }
        login.completeExceptionally(new IOException("closed: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!closing) {
            listener.failed("connection failed: " + error);
        }
        login.completeExceptionally(error);
    }

    @Override
    public void close() {
        closing = true;
        WebSocket ws = webSocket;
        if (ws != null) {
            send(BinaryFrame.Disconnect.INSTANCE);
            // give the DISCONNECT a moment to be written, so the server sees a polite goodbye
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while ((sending.get() || !outbox.isEmpty()) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            ws.abort();
        }
    }
}
