package io.missive.transport;

/**
 * The inbound side of one connection, the same for every protocol and transport: the transport
 * hands each whole unit the protocol reads ({@code M}: a frame's bytes, a decoded command, an
 * MQTT packet) and the events of the connection, in order, from its I/O thread. Implementations
 * hand the work off and return.
 *
 * @param <M> what the protocol's decoder delivers
 */
public interface Inbound<M> {

    /** One whole message; it is the listener's to keep (the transport copied it off pooled buffers). */
    void onMessage(M message);

    /** The peer sent something this transport cannot carry for the protocol (a text WebSocket message). */
    void onUnsupported(String what);

    /** The peer sent a frame over the transport's size limit; it was not read, nor is anything after it. */
    void onOversized(long size, long limit);

    /** The transport's outbound queue for this connection passed its bound: the peer does not read. */
    void onBackpressure();

    /** The connection is gone, whoever closed it. */
    void onClosed();
}
