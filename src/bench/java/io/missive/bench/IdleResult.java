package io.missive.bench;

/**
 * Idle connections for one target: the server's resident memory (after a full GC where the server
 * is a JVM) before the connections and with all of them open, in KiB.
 */
record IdleResult(String target, int connections, long rssBeforeKib, long rssAfterKib) {

    double kibPerConnection() {
        return connections == 0 ? 0 : (double) (rssAfterKib - rssBeforeKib) / connections;
    }
}
