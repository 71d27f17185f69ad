/**
 * The live connections of this node, whatever their protocol, as operators see them: who is on
 * the other end ({@link io.missive.core.connection.Peer}), what it has sent and received, and a
 * way to close it. Protocol adapters register a connection once it is identified (a logged-in
 * session registers through {@link io.missive.core.MessagingCore#open}; a trusted server or an
 * anonymous MQTT client registers itself); the delivery path only bumps the connection's counters.
 */
package io.missive.core.connection;
