package io.missive.bench;

import org.HdrHistogram.Histogram;

/**
 * What one cell of the commit-feed gate measured.
 *
 * @param commits       transactions committed within the measured time, all writers together
 * @param rows          message rows those transactions inserted
 * @param latency       per transaction, from its UPDATE to the return of its COMMIT, in microseconds
 * @param notified      transactions that called {@code pg_notify} and committed, warm-up included (0 without notify)
 * @param notifications notifications the listening connection received for them
 */
record CommitFeedResult(CommitFeedCell cell, double seconds, long commits, long rows, Histogram latency, long notified,
                        long notifications) {

    double commitsPerSecond() {
        return commits / seconds;
    }

    double rowsPerSecond() {
        return rows / seconds;
    }

    long p50Micros() {
        return latency.getValueAtPercentile(50);
    }

    long p99Micros() {
        return latency.getValueAtPercentile(99);
    }

    /** Whether every committed notification arrived exactly once. */
    boolean notificationsComplete() {
        return notifications == notified;
    }
}
