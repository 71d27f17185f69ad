package io.missive.launch;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out free TCP ports for servers started by tests and the benchmark suite, never the seeds'
 * default ports (which a developer's own Missive may be using) and never the same port twice.
 * The kernel picks each port (bind to 0); it stays free only until someone else binds it, which
 * on a developer machine is good enough.
 */
public final class FreePorts {

    /** The defaults of {@code ./mvnw -Prun} and of the later listeners, kept for a running Missive. */
    public static final Set<Integer> RESERVED = Set.of(9095, 8443, 19095, 8600, 1883);

    private final Set<Integer> taken = new HashSet<>(RESERVED);

    /** Marks {@code port} as used (e.g. the port of an embedded PostgreSQL started before). */
    public synchronized FreePorts exclude(int port) {
        taken.add(port);
        return this;
    }

    /** A port that is free now and was not handed out before. */
    public synchronized int next() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                int port = socket.getLocalPort();
                if (taken.add(port)) {
                    return port;
                }
            }
        }
        throw new IOException("No free port found");
    }
}
