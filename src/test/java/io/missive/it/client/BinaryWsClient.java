package io.missive.it.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A small test client for the binary protocol over WebSocket ({@code ws://host:port/ws} or
 * {@code wss://host:port/wss}), on the JDK's {@link java.net.http.WebSocket}. One binary message is
 * one frame; receiving, automatic answers and failures are {@link BinaryClient}'s. Every method is
 * thread-safe; sends go out in call order. A text message from the server is a failure too.
 */
public final class BinaryWsClient extends BinaryClient {

    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final HttpClient PLAIN = newHttpClient(null);
    private static final Map<SSLContext, HttpClient> TLS = new ConcurrentHashMap<>();

    private final Object sendLock = new Object();
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null); // guarded by sendLock
    private volatile WebSocket webSocket;
    private volatile int closeCode = -1;
    private volatile String closeReason;
    private volatile Throwable error;

    private BinaryWsClient(String name) {
        super(name);
    }

    /** Connects to a plain {@code ws://} endpoint. */
    public static BinaryWsClient connect(URI uri) throws IOException {
        return connect(uri, null);
    }

    /**
     * Opens the WebSocket; for {@code wss://} pass the SSLContext that trusts the server's
     * certificate (see {@link #trustAllSslContext()}), or null for the JVM's default.
     *
     * @throws IOException when the connection or the handshake fails (the message has the HTTP status)
     */
    public static BinaryWsClient connect(URI uri, SSLContext sslContextOrNull) throws IOException {
        HttpClient http = sslContextOrNull == null ? PLAIN : TLS.computeIfAbsent(sslContextOrNull, BinaryWsClient::newHttpClient);
        BinaryWsClient client = new BinaryWsClient(uri.toString());
        try {
            client.webSocket = http.newWebSocketBuilder()
                    .connectTimeout(DEFAULT_TIMEOUT)
                    .buildAsync(uri, client.new Listener())
                    .get(DEFAULT_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return client;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException h) {
                throw new IOException("WebSocket handshake with " + uri + " failed: HTTP " + h.getResponse().statusCode(), h);
            }
            throw new IOException("cannot connect to " + uri + ": " + cause, cause);
        } catch (TimeoutException e) {
            throw new IOException("no WebSocket connection to " + uri + " within " + DEFAULT_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + uri, e);
        }
    }

    private static HttpClient newHttpClient(SSLContext sslContext) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        return builder.build();
    }

    /**
     * An SSLContext that trusts every certificate and skips the host name check: for tests against a
     * server with a self-signed certificate only.
     */
    public static SSLContext trustAllSslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ sending

    /** Sends arbitrary bytes as one binary message (for bad-input tests too); waits until written. */
    @Override
    public void sendRaw(byte[] bytes) {
        byte[] copy = bytes.clone();
        await(enqueue(ws -> ws.sendBinary(ByteBuffer.wrap(copy), true)), "send " + copy.length + " bytes");
    }

    /**
     * Sends a message over the server's size limit: the server may close the connection as soon as
     * it has read the frame's length, so the end of the send may fail; the close is what counts.
     */
    public void sendOversized(int size) {
        enqueue(ws -> ws.sendBinary(ByteBuffer.allocate(size), true));
    }

    /** Sends a text message, which the protocol forbids (for bad-input tests); waits until written. */
    public void sendText(String text) {
        await(enqueue(ws -> ws.sendText(text, true)), "send text");
    }

    private CompletableFuture<?> enqueue(Function<WebSocket, CompletableFuture<WebSocket>> operation) {
        synchronized (sendLock) {
            CompletableFuture<?> next = lastSend.handle((ignored, failure) -> null)
                    .thenCompose(ignored -> operation.apply(webSocket));
            lastSend = next;
            return next;
        }
    }

    private void await(CompletableFuture<?> future, String what) {
        try {
            future.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new UncheckedIOException(name + ": cannot " + what + ": " + cause,
                    cause instanceof IOException io ? io : new IOException(cause));
        } catch (TimeoutException e) {
            throw new UncheckedIOException(new IOException(name + ": cannot " + what + " within " + DEFAULT_TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(name + ": interrupted during " + what));
        }
    }

    // ------------------------------------------------------------------ closing

    /** The WebSocket close code the server sent, or -1 while open or when the connection failed without one. */
    public int closeCode() {
        return closeCode;
    }

    /** The close reason the server sent, or null. */
    public String closeReason() {
        return closeReason;
    }

    /** The error that ended the connection, or null. */
    public Throwable error() {
        return error;
    }

    /** Sends a normal close (1000) if still open, waits briefly for the server's answer, then drops the connection. */
    @Override
    public void close() {
        WebSocket ws = webSocket;
        if (ws == null) {
            return;
        }
        if (!isClosed() && !ws.isOutputClosed()) {
            try {
                enqueue(w -> w.sendClose(WebSocket.NORMAL_CLOSURE, "bye")).get(2, TimeUnit.SECONDS);
                awaitClosed(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // dropped below
            }
        }
        ws.abort();
    }

    @Override
    protected void sendFromReceiver(byte[] frame) {
        enqueue(ws -> ws.sendBinary(ByteBuffer.wrap(frame), true));
    }

    @Override
    protected String describeClose() {
        if (closeCode >= 0) {
            return "code " + closeCode + (closeReason == null || closeReason.isEmpty() ? "" : ", \"" + closeReason + "\"");
        }
        return error != null ? "error " + error : "no close frame";
    }

    // ------------------------------------------------------------------ listener

    /** The JDK calls a listener's methods one at a time, so {@code partial} needs no lock. */
    private final class Listener implements WebSocket.Listener {
        private ByteArrayOutputStream partial;

        @Override
        public void onOpen(WebSocket ws) {
            webSocket = ws; // before buildAsync completes, so that an early auto-pong has a socket
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (partial == null) {
                partial = new ByteArrayOutputStream(last ? data.remaining() : 256);
            }
            if (partial.size() + data.remaining() > MAX_MESSAGE_BYTES) {
                fail("the server sent a binary message over " + MAX_MESSAGE_BYTES + " bytes");
                ws.abort();
                return null;
            }
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                byte[] message = partial.toByteArray();
                partial = null;
                deliver(message);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            fail("the server sent a text message: " + data);
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            ws.request(1); // the JDK answers WebSocket pings itself
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode = statusCode;
            closeReason = reason;
            ended();
            return null; // the JDK then answers the close
        }

        @Override
        public void onError(WebSocket ws, Throwable failure) {
            error = failure;
            ended();
        }
    }

    /** Trusts every certificate; as an X509ExtendedTrustManager it also disables the host name check. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
