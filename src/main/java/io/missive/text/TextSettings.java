package io.missive.text;

/**
 * The text push protocol's timers.
 *
 * @param identifyTimeoutMillis          time a new connection has to send the magic and IDENTIFY
 * @param defaultHeartbeatIntervalMillis the heartbeat interval of a client whose IDENTIFY names none
 *                                       (the seed's clients beat every 5 minutes)
 * @param minHeartbeatIntervalMillis     the shortest interval a client may ask for
 * @param maxHeartbeatIntervalMillis     the longest interval a client may ask for
 */
public record TextSettings(long identifyTimeoutMillis, long defaultHeartbeatIntervalMillis,
                           long minHeartbeatIntervalMillis, long maxHeartbeatIntervalMillis) {

    public TextSettings {
        if (minHeartbeatIntervalMillis <= 0 || minHeartbeatIntervalMillis > maxHeartbeatIntervalMillis
                || defaultHeartbeatIntervalMillis < minHeartbeatIntervalMillis
                || defaultHeartbeatIntervalMillis > maxHeartbeatIntervalMillis) {
            throw new IllegalArgumentException("heartbeat intervals must satisfy 0 < min <= default <= max");
        }
    }

    /** The interval a client asked for, in seconds (null: none), within the bounds. */
    long heartbeatIntervalMillis(Long requestedSeconds) {
        if (requestedSeconds == null) {
            return defaultHeartbeatIntervalMillis;
        }
        long millis = requestedSeconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : requestedSeconds * 1000;
        return Math.max(minHeartbeatIntervalMillis, Math.min(maxHeartbeatIntervalMillis, millis));
    }
}
