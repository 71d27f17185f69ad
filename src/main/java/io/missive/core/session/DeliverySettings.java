package io.missive.core.session;

/**
 * How pushes flow to one session.
 *
 * @param window           pushes in flight (sent, not yet acknowledged) at most
 * @param resendIntervalMillis time after which an unacknowledged push is sent again
 * @param maxResends       resends of one push before the session is disconnected
 * @param queueLimit       messages held in memory for a session; past it they are dropped
 *                         from memory and fetched again from the store when there is room
 * @param pageSize         messages fetched from the store at a time when catching up
 */
public record DeliverySettings(int window, long resendIntervalMillis, int maxResends, int queueLimit, int pageSize) {

    public static DeliverySettings defaults() {
        return new DeliverySettings(256, 2_000, 3, 2_048, 500);
    }
}
