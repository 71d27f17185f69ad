package io.missive.repository;

/**
 * Whether the database answers through the application's pool, and how fast: one cheap query. The
 * pool's own figures (active, idle) are the server's and not portable, so the probe is what the
 * status page and readiness report.
 */
public interface DatabaseProbe {

    /** The outcome of one probe: answered or not, the time it took, and the error if any. */
    record Result(boolean up, double latencyMillis, String error) {
    }

    Result probe();
}
