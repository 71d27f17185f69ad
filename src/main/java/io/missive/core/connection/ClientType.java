package io.missive.core.connection;

/**
 * msgd's client types (seed 000): a {@code PUBLISHER} can only publish (a trusted server); a
 * receiving connection is a {@code SUBSCRIBER} until it publishes, then {@code BOTH}.
 */
public enum ClientType {
    SUBSCRIBER,
    PUBLISHER,
    BOTH
}
