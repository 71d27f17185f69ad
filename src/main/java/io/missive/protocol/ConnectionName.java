package io.missive.protocol;

import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.Peer;

/**
 * What a connection is called in log lines and by operators.
 *
 * @param protocol      the protocol's name: "binary"
 * @param transport     the transport's name: "tcp", "tls", "ws", "wss"
 * @param remoteAddress the peer's address and port, as the transport gives it
 */
record ConnectionName(String protocol, String transport, String remoteAddress) {

    /** The connection as operators see it before any session. */
    Peer peer(ConnectionKind kind) {
        return new Peer(protocol, transport, remoteAddress, kind);
    }

    /** The peer's IP address without its port, as login limits count it: "127.0.0.1". */
    String host() {
        int colon = remoteAddress.lastIndexOf(':');
        return colon > 0 ? remoteAddress.substring(0, colon) : remoteAddress;
    }

    /** For log lines, with {@code who} after the address: "binary connection tcp://127.0.0.1:51234 (uid 7)". */
    String describe(String who) {
        return protocol + " connection " + transport + "://" + remoteAddress + who;
    }
}
