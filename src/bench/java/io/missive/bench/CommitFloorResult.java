package io.missive.bench;

import org.HdrHistogram.Histogram;

/**
 * One cell of the commit floor: rows offered at {@code offeredRows} a second, {@code batch} to a commit.
 *
 * @param kind             what a commit writes ({@link CommitFloorScenario.Kind}'s label)
 * @param commitsPerSecond commits done in the measured time, per second
 * @param postgresCores    PostgreSQL's cores over the measured time, every process of it
 * @param otherCores       what every other process of the machine used meanwhile (NaN when unknown)
 * @param commit           each commit's time in microseconds, from its statement sent to its answer
 * @param oldestRow        each batch's first row's wait in microseconds, from its arrival by the schedule to
 *                         its commit's answer: the batch filling up behind it, a late start, the commit
 */
record CommitFloorResult(String kind, int batch, double offeredRows, double commitsPerSecond, double postgresCores,
                         double otherCores, Histogram commit, Histogram oldestRow) {

    double rowsPerSecond() {
        return commitsPerSecond * batch;
    }

    /** PostgreSQL's CPU per commit in microseconds. */
    double microsPerCommit() {
        return commitsPerSecond <= 0 ? Double.NaN : postgresCores * 1_000_000 / commitsPerSecond;
    }

    /** PostgreSQL's CPU per row in microseconds. */
    double microsPerRow() {
        return commitsPerSecond <= 0 ? Double.NaN : postgresCores * 1_000_000 / rowsPerSecond();
    }

    /** Whether the writer kept to the schedule: within 2% of the rows it was offered. */
    boolean keptUp() {
        return rowsPerSecond() >= offeredRows * 0.98;
    }
}
