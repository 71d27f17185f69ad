package io.missive.bench;

/**
 * Idle connections for one target: the server's memory before the connections and with all of
 * them open, in KiB. For Missive (a JVM whose 2 GiB heap is touched in full at start, so that the
 * resident size moves only with memory outside the heap) both the heap in use after a full GC and
 * the resident size; for Mosquitto the resident size alone (heap figures 0). The server's CPU while idle, in cores, over
 * the same length of time before the connections and with all of them open: what holding them costs
 * (timers, keep-alives), not what opening them did.
 */
record IdleResult(String target, int connections, long heapBeforeKib, long heapAfterKib, long rssBeforeKib,
                  long rssAfterKib, double coresBefore, double coresWith) {

    /** What the connections cost: heap kept alive plus memory outside the heap, per connection. */
    double kibPerConnection() {
        return connections == 0 ? 0
                : (double) ((heapAfterKib - heapBeforeKib) + (rssAfterKib - rssBeforeKib)) / connections;
    }
}
