package io.missive.core.session;

import io.missive.core.model.Message;

/**
 * The core's way out to one connection: each protocol adapter implements it in its own wire
 * format. Every call comes on the session's mailbox, one at a time; implementations write
 * without blocking and without holding a lock while writing.
 */
public interface SessionOutbound {

    /** Sends a push (first delivery or a resend: same message, same id). */
    void push(Message message);

    /**
     * Whether {@link #push} never blocks (it encodes and writes, and reads nothing): then deliveries may
     * run on the connection's event loop. False by default.
     */
    default boolean pushesWithoutBlocking() {
        return false;
    }

    /** Ends the connection for a reason of the server's (the protocol's disconnect, then close). */
    void close(CloseReason reason);

}
