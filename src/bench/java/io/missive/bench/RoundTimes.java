package io.missive.bench;

import java.util.List;

/** Times measured once per round or per client, microseconds, where -1 marks one that never completed. */
final class RoundTimes {

    private RoundTimes() {
    }

    /** The median of those that completed, -1 when none did. */
    static long median(List<Long> micros) {
        long[] done = micros.stream().mapToLong(Long::longValue).filter(v -> v >= 0).sorted().toArray();
        return done.length == 0 ? -1 : done[done.length / 2];
    }

    /** The longest, -1 when one never completed. */
    static long worst(List<Long> micros) {
        return micros.contains(-1L) ? -1 : micros.stream().mapToLong(Long::longValue).max().orElse(-1);
    }
}
