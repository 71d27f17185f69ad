package io.missive.bench.client;

/**
 * What a {@link MessagingClient} reports, on its own I/O threads: keep each call short. Times are
 * {@link System#nanoTime()} taken as the event was seen.
 */
public interface DeliveryListener {

    /**
     * The server took a message this client published: stored durably where the protocol says so
     * (Missive's PUB_ACK, MQTT QoS 1's PUBACK), or merely written to the socket (MQTT QoS 0); for a
     * protocol without an acknowledgement to the publisher (FishChat), the message reached its recipient
     * ({@link ClientFactory#acknowledgesPublishes()}).
     */
    void acknowledged(LoadMessage message, long nanoTime);

    /** A message for this client arrived; the client acknowledges it to the server once this returns. */
    void received(LoadMessage message, long nanoTime);

    /** The server refused a publish, or the connection failed; the scenario counts it as an error. */
    void failed(String what);
}
