package io.missive.bench.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Missive's binary protocol over WebSocket ({@code ws://host:port/ws}) with the JDK's
 * {@link java.net.http.WebSocket}. All clients share one {@link HttpClient}, i.e. one selector
 * thread, and a small executor for the listeners, so a thousand connections cost a thousand
 * sockets and not thousands of threads.
 */
public final class BinaryWebSocketProtocol implements ClientFactory {

    private final String name;
    private final URI uri;
    private final int payloadBytes;
    private final ExecutorService executor;
    private final HttpClient http;

    /** Missive's container endpoint, {@code /ws}, at {@code uri}. */
    public BinaryWebSocketProtocol(URI uri, int payloadBytes) {
        this("Missive binary/ws", uri, payloadBytes);
    }

    /** @param name the target's name in the report (the connector's listener is "Missive binary/ws-connector") */
    public BinaryWebSocketProtocol(String name, URI uri, int payloadBytes) {
        this.name = name;
        this.uri = uri;
        this.payloadBytes = payloadBytes;
        AtomicInteger threads = new AtomicInteger();
        // two threads: on two cores more would only compete with the server under test
        this.executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "bench-ws-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(BinaryProtocolClient.LOGIN_TIMEOUT).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MessagingClient connect(BenchAccount self, List<Destination.Group> groups, DeliveryListener listener)
            throws IOException {
        return BinaryWebSocketClient.connect(http, uri, self, payloadBytes, listener);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
