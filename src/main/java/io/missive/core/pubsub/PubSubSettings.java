package io.missive.core.pubsub;

/**
 * @param maxInFlight QoS 1 and 2 messages sent to a client and not yet acknowledged, at most (Mosquitto's
 *                    max_inflight_messages)
 * @param maxQueued   messages waiting behind them in memory, at most; past it a clean session's are dropped
 *                    and a persistent session's stay in the store until its queue has room
 */
public record PubSubSettings(int maxInFlight, int maxQueued) {

    public PubSubSettings {
        if (maxInFlight < 1 || maxInFlight > 65535) {
            throw new IllegalArgumentException("max in flight must be 1 to 65535, not " + maxInFlight);
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("max queued must not be negative");
        }
    }
}
