package io.missive.transport;

import java.nio.ByteBuffer;

/** The outbound side of one connection, as a transport offers it to a protocol adapter. */
public interface FrameSink {

    /** Queues one whole frame; never blocks. Frames go out in the order given. */
    void send(ByteBuffer frame);

    /** Closes the connection; frames sent before are flushed first where the transport can. */
    void close(CloseKind kind, String reason);

    /** The peer's address, for logs. */
    String remoteAddress();
}
