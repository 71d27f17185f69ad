/**
 * MQTT 3.1 and 3.1.1 (seed 003's transport): {@link io.missive.mqtt.MqttConnection}, on the shared
 * {@link io.missive.protocol.ProtocolConnection}, translates the packets of one connection, decoded
 * by Netty's MQTT codec, into calls on the publish/subscribe engine ({@code io.missive.core.pubsub})
 * for standard topics and on the messaging core for seed 003's IM topics; {@link io.missive.mqtt.MqttBroker}
 * holds what connections share (the engine, the client ids, the settings). The channel glue is the
 * transports' ({@code io.missive.tcp}: the same pipeline on TCP, the connector's WebSocket and, in an
 * embedded channel, the container's /mqtt). Wire types stay in this package.
 */
package io.missive.mqtt;
