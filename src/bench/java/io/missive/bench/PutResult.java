package io.missive.bench;

/**
 * {@code POST /put} under wrk for one run.
 *
 * @param served        which HTTP stack served it: the container's, or the connector's {@code put} listener
 * @param connections   wrk's connections
 * @param seconds       length of the measured run
 * @param requests      requests wrk completed
 * @param perSecond     wrk's requests per second
 * @param p50Micros     wrk's latency percentiles, microseconds
 * @param p99Micros
 * @param failed        answers that were not 2xx, plus socket errors
 * @param delivered     messages the subscribed device received from the measured run
 * @param cpu           CPU use of each process group during the run (wrk is among the other processes)
 */
record PutResult(String served, int connections, double seconds, long requests, double perSecond, long p50Micros, long p99Micros,
                 long failed, long delivered, CpuShares cpu) {

    static final String CONTAINER = "the container (`/put` on the HTTP port)";
    static final String CONNECTOR = "the connector's `put` listener";
}
