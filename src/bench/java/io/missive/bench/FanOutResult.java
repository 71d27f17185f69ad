package io.missive.bench;

import java.util.List;

/**
 * Group fan-out for one target and group size: per round, the time from the publish to the arrival
 * at the last member and at half of them, in microseconds (a round whose message did not reach
 * everyone within the timeout is recorded as -1).
 */
record FanOutResult(String target, int members, List<Long> roundsToLastMicros, List<Long> roundsToHalfMicros) {

    /** The median over the rounds that completed, -1 when none did. */
    long medianToLast() {
        return RoundTimes.median(roundsToLastMicros);
    }

    long medianToHalf() {
        return RoundTimes.median(roundsToHalfMicros);
    }

    long worstToLast() {
        return RoundTimes.worst(roundsToLastMicros);
    }
}
