package io.missive.transport;

/**
 * The inbound side of one connection: the transport hands each whole frame to the protocol's
 * listener, in order, from its I/O thread. Implementations hand work off and return.
 */
public interface FrameListener {

    /** One whole frame; the array is the listener's to keep. */
    void onFrame(byte[] frame);

    /** The peer sent something this transport's framing cannot carry for the protocol (a text WebSocket message). */
    void onUnsupportedData(String what);

    /** The peer sent a frame over the transport's size limit; it was not read. */
    void onOversizedFrame(long size, long limit);

    /** The transport's outbound queue for this connection passed its bound: the peer does not read. */
    void onBackpressure();

    /** The connection is gone, whoever closed it. */
    void onClosed();
}
