package io.missive.bench.client;

import java.io.IOException;
import java.util.List;

/** Connects load-generator clients of one protocol to one server. */
public interface ClientFactory extends AutoCloseable {

    /** For progress lines and the report, e.g. "Missive binary/ws" or "Mosquitto MQTT QoS 1". */
    String name();

    /**
     * Opens a connection and logs in as {@code self}; returns once the server accepted the login and
     * the client receives what is sent to {@code self} and to {@code groups} (protocols where the
     * server knows memberships ignore {@code groups}).
     *
     * @throws IOException when the connection or the login fails
     */
    MessagingClient connect(BenchAccount self, List<Destination.Group> groups, DeliveryListener listener)
            throws IOException;

    /**
     * Whether the server acknowledges a publish to its publisher (a PUB_ACK, a PUBACK, even QoS 0's
     * "written"). Where it does not (FishChat), the factory's clients report a publish as
     * {@linkplain DeliveryListener#acknowledged acknowledged} when it reaches its recipient, so that
     * a publisher's window still bounds what is in flight; the report then gives no acknowledgement time.
     */
    default boolean acknowledgesPublishes() {
        return true;
    }

    /** Releases what the factory shares between its clients (threads, selectors). */
    @Override
    default void close() {
    }
}
