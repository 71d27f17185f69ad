package io.missive.core.connection;

/**
 * The other end of a connection, as the adapter that accepted it describes it.
 *
 * @param protocol what it speaks ("binary", "text", "mqtt"); the duplicate-login policy weighs sessions per protocol
 * @param transport what carries it ("ws", "wss", "tcp", "tls")
 * @param address   the peer's host:port
 */
public record Peer(String protocol, String transport, String address, ConnectionKind kind) {

    /** The protocol over its transport, as status pages and metrics name it: "binary-ws", "mqtt-tcp". */
    public String label() {
        return protocol + "-" + transport;
    }

    @Override
    public String toString() {
        return transport + "://" + address;
    }
}
