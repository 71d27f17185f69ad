/**
 * MQTT 3.1 and 3.1.1 (seed 003's transport), on Netty's MQTT codec, the same on TCP and on
 * WebSocket (the channel glue is {@code io.missive.tcp}'s). {@link io.missive.mqtt.MqttConnection}
 * is one connection's state machine on the shared {@code io.missive.protocol.ProtocolConnection}:
 * {@link io.missive.mqtt.ConnectAdmission} decides its CONNECT, {@link io.missive.mqtt.TopicAccess}
 * where it may publish and subscribe, {@link io.missive.mqtt.MqttPackets} builds what it sends, the
 * publish/subscribe engine ({@code io.missive.core.pubsub}) serves standard topics, and
 * {@link io.missive.mqtt.ImPushBridge} carries seed 003's IM: the core's push and the answers of
 * {@link io.missive.mqtt.ImRequests}. {@link io.missive.mqtt.MqttBroker} wires them per node.
 */
package io.missive.mqtt;
