package io.missive.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Missive's binary protocol over plain TCP (docs/protocol-binary.md, "Over TCP": every frame
 * preceded by its 4-byte big-endian length), with java.nio. All clients of a factory share
 * {@value #IO_THREADS} selector threads (as many as the WebSocket factory's listener threads), which
 * read, decode and call the listeners; writes go straight to the socket from the caller's thread and
 * only what the socket does not take at once waits for the selector.
 */
public final class BinaryTcpProtocol implements ClientFactory {

    private static final int IO_THREADS = 2;

    private final InetSocketAddress address;
    private final int payloadBytes;
    private final SelectorLoops loops = new SelectorLoops("bench-tcp", IO_THREADS);

    public BinaryTcpProtocol(String host, int port, int payloadBytes) {
        this.address = new InetSocketAddress(host, port);
        this.payloadBytes = payloadBytes;
    }

    @Override
    public String name() {
        return "Missive binary/tcp";
    }

    @Override
    public MessagingClient connect(BenchAccount self, List<Destination.Group> groups, DeliveryListener listener)
            throws IOException {
        return BinaryTcpClient.connect(loops.next(), address, self, payloadBytes, listener);
    }

    @Override
    public void close() {
        loops.close();
    }
}
