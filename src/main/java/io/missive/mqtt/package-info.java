/**
 * MQTT 3.1 and 3.1.1 (seed 003's transport): {@link io.missive.mqtt.MqttConnection} translates
 * the packets of one connection, decoded by Netty's MQTT codec, into calls on the
 * publish/subscribe engine ({@code io.missive.core.pubsub}) for standard topics and on the
 * messaging core for seed 003's IM topics; it is the same on TCP ({@code io.missive.tcp}) and on
 * WebSocket, where {@link io.missive.mqtt.MqttWebSocketBridge} runs the same pipeline on an
 * embedded channel. Wire types stay in this package.
 */
package io.missive.mqtt;
