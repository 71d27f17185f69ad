/**
 * The load generator's clients: one {@link io.missive.bench.client.MessagingClient} per
 * connection, one class per protocol (binary over WebSocket, MQTT with Paho), all speaking
 * {@link io.missive.bench.client.LoadMessage}s so that scenarios do not know the protocol. A new
 * protocol (binary over TCP, the text push protocol, MQTT against Missive) is one more
 * {@link io.missive.bench.client.ClientFactory}.
 */
package io.missive.bench.client;
