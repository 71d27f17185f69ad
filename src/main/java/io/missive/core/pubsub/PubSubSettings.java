package io.missive.core.pubsub;

/**
 * @param maxInFlight           QoS 1 and 2 messages sent to a client and not yet acknowledged, at most
 *                              (Mosquitto's max_inflight_messages)
 * @param maxQueued             messages waiting behind them in memory, at most; past it a clean session's are
 *                              dropped and a persistent session's stay in the store until its queue has room
 * @param maxSubscriptions      topic filters one session holds, at most (EMQX's max_subscriptions); a SUBSCRIBE's
 *                              filters past it are refused, replacing a held filter always passes
 * @param maxPersistentSessions persistent sessions kept, at most (each is in memory, with its subscriptions, on
 *                              every node); a new one past it is refused, resuming one always passes
 * @param maxRetained           topics with a retained message, at most (EMQX's max_retained_messages)
 * @param maxRetainedBytes      payload bytes of all retained messages, at most; a retained publish past either
 *                              bound is delivered but not retained
 */
public record PubSubSettings(int maxInFlight, int maxQueued, int maxSubscriptions, int maxPersistentSessions,
                             int maxRetained, long maxRetainedBytes) {

    public PubSubSettings {
        if (maxInFlight < 1 || maxInFlight > 65535) {
            throw new IllegalArgumentException("max in flight must be 1 to 65535, not " + maxInFlight);
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("max queued must not be negative");
        }
        if (maxSubscriptions < 1 || maxPersistentSessions < 0 || maxRetained < 0 || maxRetainedBytes < 0) {
            throw new IllegalArgumentException("max subscriptions must be at least 1, the other limits not negative");
        }
    }
}
