package io.missive.core.pubsub;

/**
 * What the other nodes of a cluster must hear from this node's publish/subscribe engine at once,
 * without the database: a QoS 0 publish (never stored), and a client id connecting here (its
 * connection elsewhere ends). Stored publishes and persistent sessions travel through the commit
 * feed instead. One node alone tells no one ({@link #NONE}).
 */
public interface PubSubCluster {

    PubSubCluster NONE = new PubSubCluster() {
        @Override
        public void bind(PubSubEngine engine) {
        }

        @Override
        public void publishedQos0(PubSubMessage message) {
        }

        @Override
        public void connected(String clientId) {
        }
    };

    /** Where the other nodes' QoS 0 publishes and connections arrive; once, as the engine is built. */
    void bind(PubSubEngine engine);

    /** A QoS 0, not retained, publish routed here. Returns at once. */
    void publishedQos0(PubSubMessage message);

    /** A client id connected here. Returns at once. */
    void connected(String clientId);
}
