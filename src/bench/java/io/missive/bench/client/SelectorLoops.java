package io.missive.bench.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The selector threads that a TCP client factory's {@link TcpFrameConnection}s share, handed out in
 * turn. Why selectors and not blocking sockets with a reader thread each: the idle-connections and
 * fan-out scenarios hold thousands of connections per client process, and a thread per connection
 * would cost a stack and a scheduler entry each, on a machine whose two cores the server under test
 * needs.
 */
final class SelectorLoops {

    private final Loop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    SelectorLoops(String threadName, int threads) {
        loops = new Loop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new Loop(threadName + "-" + (i + 1));
        }
    }

    /** The selector the next connection registers with. */
    Selector next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)].selector;
    }

    /** Closes every connection and selector. */
    void close() {
        for (Loop loop : loops) {
            loop.close();
        }
    }

    /** One selector and its thread: reads what arrives and writes what the callers could not. */
    private static final class Loop implements Runnable {
        final Selector selector;

        Loop(String name) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a selector", e);
            }
            Thread thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            try {
                while (selector.isOpen()) {
                    selector.select(key -> {
                        TcpFrameConnection connection = (TcpFrameConnection) key.attachment();
                        if (!key.isValid()) {
                            return;
                        }
                        if (key.isWritable()) {
                            connection.writable();
                        }
                        if (key.isValid() && key.isReadable()) {
                            connection.readable();
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
