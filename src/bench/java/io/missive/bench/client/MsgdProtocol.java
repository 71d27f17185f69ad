package io.missive.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * msgd's device protocol (seed 000) over TCP, with java.nio on selector threads as
 * {@link BinaryTcpProtocol}. Every client joins {@link #GROUP} under its account's username (a msgd
 * user is a Missive account by name), so that {@link Destination.User} is a p2p to (group, user); a
 * {@link Destination.Group} is a publish to the msgd group of its name (msgd groups are named, apart
 * from the groups the REST API makes). One thread sends every client's keepalive every 30 s.
 */
public final class MsgdProtocol implements ClientFactory {

    /** The msgd group every load-generator client joins. */
    public static final String GROUP = "bench";
    private static final int IO_THREADS = 2;
    private static final long KEEPALIVE_SECONDS = 30;

    private final InetSocketAddress address;
    private final int payloadBytes;
    private final SelectorLoops loops = new SelectorLoops("bench-msgd", IO_THREADS);
    private final Set<MsgdTcpClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-msgd-keepalive");
        thread.setDaemon(true);
        return thread;
    });

    public MsgdProtocol(String host, int port, int payloadBytes) {
        this.address = new InetSocketAddress(host, port);
        this.payloadBytes = payloadBytes;
        keepAlive.scheduleAtFixedRate(() -> {
            clients.removeIf(c -> !c.isOpen());
            clients.forEach(MsgdTcpClient::keepAlive);
        }, KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public String name() {
        return "Missive msgd/tcp";
    }

    @Override
    public MessagingClient connect(BenchAccount self, List<Destination.Group> groups, DeliveryListener listener)
            throws IOException {
        MsgdTcpClient client = MsgdTcpClient.connect(loops.next(), address, self, payloadBytes, listener);
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        keepAlive.shutdownNow();
        loops.close();
    }
}
