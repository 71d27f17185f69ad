package io.missive.core.connection;

/** Who is on the other end of a connection. */
public enum ConnectionKind {
    /** A logged-in user. */
    USER,
    /** A push device (seed 001), identified by its device id. */
    DEVICE,
    /** A trusted server that publishes without a login, as the system user. */
    SERVER,
    /** A client without a login where the protocol allows one (MQTT with anonymous clients allowed). */
    ANONYMOUS
}
