package io.missive.bench;

import java.util.List;

/**
 * A node killed under a steady flow ({@link FailoverScenario}): per user of the killed node, the time from
 * the kill to its new login on a surviving node and to its first message there, microseconds (-1: never).
 *
 * @param refusedLogins logins on a survivor that were refused or failed before one was accepted, all users
 * @param acknowledged  messages to these users the server acknowledged, before and after the kill
 * @param lost          acknowledged messages that never reached their user
 * @param duplicates    messages a user received more than once (at-least-once allows them)
 */
record FailoverResult(int users, double perUserRate, List<Long> loggedInAgainMicros, List<Long> receivingAgainMicros,
                      long refusedLogins, long acknowledged, long lost, long duplicates) {

    /** The time until the last user received again, -1 when one never did. */
    long allReceivingMicros() {
        return RoundTimes.worst(receivingAgainMicros);
    }

    long medianReceivingMicros() {
        return RoundTimes.median(receivingAgainMicros);
    }

    long medianLoggedInMicros() {
        return RoundTimes.median(loggedInAgainMicros);
    }

    long allLoggedInMicros() {
        return RoundTimes.worst(loggedInAgainMicros);
    }

    String summary() {
        return String.format("%d users: logged in again after %s s (median %s s), all receiving again after %s s (median"
                        + " %s s); %,d refused or failed logins; %,d acknowledged, %,d lost, %,d duplicates", users,
                seconds(allLoggedInMicros()), seconds(medianLoggedInMicros()), seconds(allReceivingMicros()),
                seconds(medianReceivingMicros()), refusedLogins, acknowledged, lost, duplicates);
    }

    static String seconds(long micros) {
        return micros < 0 ? "never" : String.format("%.2f", micros / 1e6);
    }
}
