package io.missive.bench.client;

/**
 * One connection of the load generator, logged in, whatever its protocol. Made by a
 * {@link ClientFactory}; reports to the {@link DeliveryListener} given there.
 *
 * <p>{@link #publish} never waits for the server: a publisher that must limit what is in flight
 * counts {@link DeliveryListener#acknowledged} itself. Arriving messages are acknowledged to the
 * server by the client (after {@link DeliveryListener#received} returns), as a real client would.
 */
public interface MessagingClient extends AutoCloseable {

    /** Sends {@code message}, as a payload of the factory's size, to {@code destination}; thread-safe. */
    void publish(Destination destination, LoadMessage message);

    /** Disconnects, politely where the protocol has a way. */
    @Override
    void close();
}
