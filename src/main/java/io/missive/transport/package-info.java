/**
 * What every transport offers every protocol, so that a protocol's connection runs unchanged on
 * TCP, on the connector's WebSocket and on the container's WebSocket: the {@link io.missive.transport.Inbound}
 * contract a connection implements, the {@link io.missive.transport.Sink} it writes to, and the
 * {@link io.missive.transport.CloseKind} it closes with.
 */
package io.missive.transport;
