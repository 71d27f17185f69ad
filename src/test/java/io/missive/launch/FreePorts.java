package io.missive.launch;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out free TCP ports for servers started by tests and the benchmark suite, never the seeds'
 * default ports (which a developer's own Missive may be using) and never the same port twice.
 * Ports come from {@value #FIRST}..{@value #LAST}, below Linux's ephemeral range (32768 and up): a
 * port the kernel picked there would be free when picked, but any outgoing connection (a test's
 * HTTP client, the database pool) may take it as its local port in the seconds before the server
 * binds it. A port here is checked free when handed out; only another process binding it on
 * purpose can take it meanwhile.
 */
public final class FreePorts {

    /** The defaults of {@code ./mvnw -Prun} and of the later listeners, kept for a running Missive. */
    public static final Set<Integer> RESERVED = Set.of(9095, 8443, 19095, 8600, 1883);

    static final int FIRST = 20_000;
    static final int LAST = 32_767;

    private final Set<Integer> taken = new HashSet<>(RESERVED);

    /** Marks {@code port} as used (e.g. the port of an embedded PostgreSQL started before). */
    public synchronized FreePorts exclude(int port) {
        taken.add(port);
        return this;
    }

    /** A port that is free now and was not handed out before. */
    public synchronized int next() throws IOException {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (taken.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                taken.add(port);
                return port;
            } catch (IOException inUse) {
                taken.add(port);   // not worth trying again
            }
        }
        throw new IOException("No free port found in " + FIRST + ".." + LAST);
    }
}
