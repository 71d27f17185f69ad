package io.missive.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * FishChat's client protocol (seed 004) against Missive's {@code fishchat} listener, with java.nio on
 * selector threads as {@link BinaryTcpProtocol}. A client id is a Missive account by name, made at
 * its first login (the listener's default), so the suite creates no accounts for it. Private
 * messages only: a {@link Destination.Group} is refused ({@link FishChatTcpClient#publish}).
 *
 * <p>FishChat gives a publisher no acknowledgement. The factory knows its clients by id, and a
 * recipient's client hands each arrival to the client that published it (the {@code from} of
 * {@code RESP_MESSAGE_P2P}), which reports it as acknowledged: a publisher's window then bounds the
 * messages not yet delivered, and the acknowledgement time is the delivery time, not a figure of its
 * own ({@link #acknowledgesPublishes()}).
 */
public final class FishChatProtocol implements ClientFactory {

    private static final int IO_THREADS = 2;

    private final InetSocketAddress address;
    private final int payloadBytes;
    private final SelectorLoops loops = new SelectorLoops("bench-fishchat", IO_THREADS);
    private final Map<String, FishChatTcpClient> clients = new ConcurrentHashMap<>();

    public FishChatProtocol(String host, int port, int payloadBytes) {
        this.address = new InetSocketAddress(host, port);
        this.payloadBytes = payloadBytes;
    }

    @Override
    public String name() {
        return "Missive FishChat/tcp";
    }

    @Override
    public boolean acknowledgesPublishes() {
        return false;
    }

    @Override
    public MessagingClient connect(BenchAccount self, List<Destination.Group> groups, DeliveryListener listener)
            throws IOException {
        FishChatTcpClient client = FishChatTcpClient.connect(loops.next(), address, self, payloadBytes, listener,
                this::delivered);
        // registered once logged in: it publishes only after connect() returns, so no arrival of its messages is missed
        clients.put(self.username(), client);
        return client;
    }

    /** A message from {@code publisher} arrived: the publisher, if it is one of these clients, hears it. */
    private void delivered(String publisher, LoadMessage message, long nanoTime) {
        FishChatTcpClient client = clients.get(publisher);
        if (client != null) {
            client.deliveredToRecipient(message, nanoTime);
        }
    }

    @Override
    public void close() {
        clients.clear();
        loops.close();
    }
}
