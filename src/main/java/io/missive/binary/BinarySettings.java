package io.missive.binary;

/**
 * The binary protocol's timers.
 *
 * @param connectTimeoutMillis time a new connection has to send its CONNECT
 * @param pingIntervalMillis   time between the server's PINGs
 * @param pingTimeoutMillis    time a client has to answer a PING with PING_RESP
 */
public record BinarySettings(long connectTimeoutMillis, long pingIntervalMillis, long pingTimeoutMillis) {
}
