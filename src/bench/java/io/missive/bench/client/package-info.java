/**
 * The load generator's clients: one {@link io.missive.bench.client.MessagingClient} per
 * connection, one {@link io.missive.bench.client.ClientFactory} per protocol (binary over WebSocket
 * and over TCP, the text push protocol, msgd, FishChat, MQTT with HiveMQ's client or Paho, against
 * either server), all speaking {@link io.missive.bench.client.LoadMessage}s so that scenarios do
 * not know the protocol. The TCP clients of Missive's own protocols share {@code TcpFrameConnection} and
 * {@code SelectorLoops}.
 */
package io.missive.bench.client;
