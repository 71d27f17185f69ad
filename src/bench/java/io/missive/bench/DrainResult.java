package io.missive.bench;

import java.util.List;

/**
 * Offline drain for one target: per round, the time from the CONNECT of the receiver to the
 * arrival of the last of its pending messages, in microseconds (-1 for a round in which not all
 * arrived within the timeout).
 */
record DrainResult(String target, int messages, List<Long> roundsMicros) {

    /** The median over the rounds that completed, -1 when none did. */
    long median() {
        long[] done = roundsMicros.stream().mapToLong(Long::longValue).filter(v -> v >= 0).sorted().toArray();
        return done.length == 0 ? -1 : done[done.length / 2];
    }

    long worst() {
        return roundsMicros.contains(-1L) ? -1 : roundsMicros.stream().mapToLong(Long::longValue).max().orElse(-1);
    }
}
