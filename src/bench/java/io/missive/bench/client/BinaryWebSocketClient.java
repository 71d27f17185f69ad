package io.missive.bench.client;

import io.missive.binary.BinaryCodec;
import io.missive.binary.BinaryFrame;

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
 * encoded with {@link BinaryCodec} straight into buffers and nothing is queued for a reader; the
 * protocol itself is {@link BinaryProtocolClient}'s.
 *
 * <p>The JDK allows one outstanding send per WebSocket; sends from any thread go through
 * {@link #outbox} and are written one after the other as each completes.
 */
final class BinaryWebSocketClient extends BinaryProtocolClient implements WebSocket.Listener {

    private final Queue<ByteBuffer> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile WebSocket webSocket;

    private BinaryWebSocketClient(int payloadBytes, DeliveryListener listener) {
        super(payloadBytes, listener);
    }

    static BinaryWebSocketClient connect(HttpClient http, URI uri, BenchAccount self, int payloadBytes,
                                         DeliveryListener listener) throws IOException {
        BinaryWebSocketClient client = new BinaryWebSocketClient(payloadBytes, listener);
        long timeoutMillis = LOGIN_TIMEOUT.toMillis();
        try {
            client.webSocket = http.newWebSocketBuilder()
                    .connectTimeout(LOGIN_TIMEOUT)
                    .buildAsync(uri, client)
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot connect " + self.username() + " to " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no WebSocket for " + self.username() + " at " + uri + " within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting " + self.username());
        }
        client.login(self, uri);
        return client;
    }

    @Override
    void abort() {
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    void send(BinaryFrame frame) {
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
                if (failure != null) {
                    connectionLost("send failed: " + failure, failure);
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
        received(data, System.nanoTime());
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        protocolError("the server sent a text message");
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        connectionLost("the server closed the connection: " + statusCode + " " + reason, null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        connectionLost("connection failed: " + error, error);
    }

    @Override
    public void close() {
        WebSocket ws = webSocket;
        if (ws != null) {
            startClosing();
            // give the DISCONNECT a moment to be written, so the server sees a polite goodbye
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while ((sending.get() || !outbox.isEmpty()) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            ws.abort();
        }
    }
}
