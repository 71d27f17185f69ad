package io.missive.core.connection;

/**
 * msgd's client types (seed 000): a {@code NORMAL} client neither publishes nor receives, a
 * {@code PUBLISHER} only publishes (a trusted server, a msgd publisher), a {@code SUBSCRIBER} only
 * receives, {@code BOTH} does both. A msgd client declares its type when it joins; any other
 * receiving connection is a {@code SUBSCRIBER} until it publishes, then {@code BOTH}.
 */
public enum ClientType {
    NORMAL,
    SUBSCRIBER,
    PUBLISHER,
    BOTH
}
