package io.missive.transport;

import io.missive.core.session.EventLoop;

/**
 * The outbound side of one connection, as a transport offers it to a protocol: whole messages in
 * the protocol's outbound form ({@code M}: encoded bytes, or packets a transport's encoder
 * writes), and the close.
 *
 * @param <M> what the protocol writes
 */
public interface Sink<M> {

    /**
     * Queues one message; never blocks. Messages go out in the order given. Answers whether the
     * transport took it: false when it dropped it, the connection being closed or past its outbound
     * bound (which the transport also reports as backpressure).
     */
    boolean send(M message);

    /**
     * Closes the connection after what was sent before (where the transport can flush it); a
     * WebSocket peer is told {@code kind}'s close code and {@code reason}.
     */
    void close(CloseKind kind, String reason);

    /**
     * The thread this connection is read and written on, where its mailbox runs the work that never
     * blocks (for a container WebSocket, the container's thread while it hands over a message); null
     * where the transport has none to offer.
     */
    default EventLoop eventLoop() {
        return null;
    }

    /** The peer's address, for logs. */
    String remoteAddress();

    /**
     * Stops reading from the peer until {@link #resumeReading}: the connection has more unhandled
     * input than it will queue. Any thread. Answers false where the transport cannot stop reading
     * (the container's WebSocket): the connection then closes past a hard limit instead.
     */
    default boolean pauseReading() {
        return false;
    }

    /** Reads from the peer again after {@link #pauseReading}. Any thread. */
    default void resumeReading() {
    }
}
