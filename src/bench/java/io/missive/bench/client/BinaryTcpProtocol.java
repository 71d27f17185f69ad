package io.missive.bench.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Missive's binary protocol over plain TCP (docs/protocol-binary.md, "Over TCP": every frame
 * preceded by its 4-byte big-endian length), with java.nio.
 *
 * <p>Why a selector and not blocking sockets with a reader thread each: the idle-connections
 * scenario holds thousands of connections per client process, and a thread per connection would
 * cost a stack and a scheduler entry each, on a machine whose two cores the server under test
 * needs. Here all clients of a factory share {@value #IO_THREADS} selector threads (as many as the
 * WebSocket factory's listener threads), which read, decode and call the listeners; writes go
 * straight to the socket from the caller's thread and only what the socket does not take at once
 * waits for the selector.
 */
public final class BinaryTcpProtocol implements ClientFactory {

    private static final int IO_THREADS = 2;

    private final InetSocketAddress address;
    private final int payloadBytes;
    private final IoLoop[] loops = new IoLoop[IO_THREADS];
    private final AtomicInteger next = new AtomicInteger();

    public BinaryTcpProtocol(String host, int port, int payloadBytes) {
        this.address = new InetSocketAddress(host, port);
        this.payloadBytes = payloadBytes;
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new IoLoop("bench-tcp-" + (i + 1));
        }
    }

    @Override
    public String name() {
        return "Missive binary/tcp";
    }

    @Override
    public MessagingClient connect(BenchAccount self, List<Destination.Group> groups, DeliveryListener listener)
            throws IOException {
        Selector selector = loops[Math.floorMod(next.getAndIncrement(), loops.length)].selector;
        return BinaryTcpClient.connect(selector, address, self, payloadBytes, listener);
    }

    @Override
    public void close() {
        for (IoLoop loop : loops) {
            loop.close();
        }
    }

    /** One selector and its thread: reads what arrives and writes what the callers could not. */
    private static final class IoLoop implements Runnable {
        final Selector selector;
        private final Thread thread;

        IoLoop(String name) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a selector", e);
            }
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            try {
                while (selector.isOpen()) {
                    selector.select(key -> {
                        BinaryTcpClient client = (BinaryTcpClient) key.attachment();
                        if (!key.isValid()) {
                            return;
                        }
                        if (key.isWritable()) {
                            client.writable();
                        }
                        if (key.isValid() && key.isReadable()) {
                            client.readable();
                        }
                    });
                }
            } catch (IOException | ClosedSelectorException e) {
                // closed: the factory is done
            }
        }

        void close() {
            try {
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
                selector.close();
            } catch (IOException | ClosedSelectorException e) {
                // closing either way
            }
        }
    }
}
