package io.missive.mqtt;

/**
 * The MQTT settings ({@code missive.mqtt.*}).
 *
 * @param allowAnonymous     clients without a username are accepted (for trusted networks), on standard topics only
 * @param connectTimeoutMillis time a new connection has to send CONNECT
 * @param topicRules         where logged-in users may publish and subscribe
 * @param anonymousTopicRules where anonymous clients may publish and subscribe
 * @param pushTopic          the topic of the IM push (seed 003: {@code impush://modulus/news})
 * @param nodeId             this node's id as an {@code im://} route names it
 * @param maxPacketBytes     largest packet accepted; a larger one closes the connection
 * @param maxConnectBytes    largest first packet (the CONNECT), which an unauthenticated peer sends
 */
public record MqttSettings(boolean allowAnonymous, long connectTimeoutMillis, TopicRules topicRules,
                           TopicRules anonymousTopicRules,
                           String pushTopic, String nodeId, int maxPacketBytes, int maxConnectBytes) {
}
