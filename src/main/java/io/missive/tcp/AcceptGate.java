package io.missive.tcp;

import java.net.InetSocketAddress;

/**
 * Asked for each connection a listener that requires a login accepts, before anything is set up for
 * it: a refused one is reset at once, without a pipeline, a connection object or a mailbox, which
 * keeps a flood of connections from one address cheap to turn away.
 */
@FunctionalInterface
public interface AcceptGate {

    /** Lets every connection in. */
    AcceptGate OPEN = (peer, listener) -> false;

    /** Whether the connection from {@code peer} on listener {@code listener} is refused; any I/O thread. */
    boolean refuses(InetSocketAddress peer, String listener);
}
