/**
 * The shared base of every protocol's connection ({@link io.missive.protocol.ProtocolConnection}:
 * login deadline, timer, backpressure, guarded mailbox, one close) and the registry of the
 * protocols ({@link io.missive.protocol.Protocols}: name, default port, WebSocket paths and
 * sub-protocols, once). A protocol package holds its codec and a subclass of the base; the
 * transports build connections from the registry.
 */
package io.missive.protocol;
