package io.missive.mqtt;

/**
 * Seed 003's topics: URIs whose scheme says what they are. {@code im://} (and the proxy's
 * {@code http://}, {@code https://}) are requests, answered on the same topic; {@code impush://}
 * carries the server's push. None of them is a standard publish/subscribe topic.
 */
final class ImTopics {

    private ImTopics() {
    }

    static boolean isRequest(String topic) {
        return topic.startsWith("im://") || topic.startsWith("http://") || topic.startsWith("https://");
    }

    static boolean isImTopic(String topicOrFilter) {
        return isRequest(topicOrFilter) || topicOrFilter.startsWith("impush://");
    }

    static boolean isPushTopic(String filter, String pushTopic) {
        return filter.equals(pushTopic);
    }
}
