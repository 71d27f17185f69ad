package io.missive.mqtt;

import io.missive.core.MessagingCore;
import io.missive.core.pubsub.PubSubEngine;
import io.missive.core.pubsub.PubSubSettings;
import io.missive.core.pubsub.PubSubStore;
import io.missive.core.store.GroupDirectory;
import io.missive.core.store.GroupMembership;
import io.missive.core.store.ConversationHistory;
import io.missive.transport.Inbound;
import io.missive.transport.Sink;
import io.netty.handler.codec.mqtt.MqttMessage;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import io.missive.core.pubsub.PubSubCluster;
import io.missive.config.HistorySettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The MQTT server of this node, shared by the TCP listeners and the WebSocket endpoint: the
 * publish/subscribe engine (loaded from the store at start-up), the settings, the live connections
 * by client id and seed 003's requests, from which it makes each {@link MqttConnection}.
 */
@ApplicationScoped
public class MqttBroker {

    @Inject
    private MessagingCore core;

    @Inject
    private PubSubStore store;

    @Inject
    private GroupDirectory groups;

    @Inject
    private GroupMembership membership;

    @Inject
    private ConversationHistory history;

    @Inject
    @ConfigProperty(name = "missive.mqtt.allow-anonymous", defaultValue = "false")
    private boolean allowAnonymous;

    @Inject
    @ConfigProperty(name = "missive.mqtt.connect-timeout", defaultValue = "10s")
    private Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "missive.mqtt.topic-rules", defaultValue = TopicRules.DEFAULT_USERS)
    private String topicRules;

    @Inject
    @ConfigProperty(name = "missive.mqtt.anonymous-topic-rules", defaultValue = TopicRules.DEFAULT_ANONYMOUS)
    private String anonymousTopicRules;

    @Inject
    @ConfigProperty(name = "missive.mqtt.push-topic", defaultValue = "impush://modulus/news")
    private String pushTopic;

    @Inject
    @ConfigProperty(name = "missive.mqtt.node-id", defaultValue = "node1")
    private String nodeId;

    @Inject
    @ConfigProperty(name = "missive.mqtt.max-inflight", defaultValue = "20")
    private int maxInFlight;

    @Inject
    @ConfigProperty(name = "missive.mqtt.max-queued", defaultValue = "1000")
    private int maxQueued;

    /** As EMQX's max_subscriptions; Mosquitto has no such bound. */
    @Inject
    @ConfigProperty(name = "missive.mqtt.max-subscriptions", defaultValue = "1000")
    private int maxSubscriptions;

    @Inject
    @ConfigProperty(name = "missive.mqtt.max-persistent-sessions", defaultValue = "100000")
    private int maxPersistentSessions;

    /** As EMQX's retainer max_retained_messages. */
    @Inject
    @ConfigProperty(name = "missive.mqtt.max-retained", defaultValue = "100000")
    private int maxRetained;

    @Inject
    @ConfigProperty(name = "missive.mqtt.max-retained-bytes", defaultValue = "268435456")
    private long maxRetainedBytes;

    @Inject
    @ConfigProperty(name = "missive.mqtt.max-packet-bytes", defaultValue = "268435455")
    private int maxPacketBytes;

    /** As EMQX's max_connect_packet_size (64 KB) and Mosquitto's limit on CONNECT. */
    @Inject
    @ConfigProperty(name = "missive.mqtt.max-connect-bytes", defaultValue = "65536")
    private int maxConnectBytes;

    @Inject
    @ConfigProperty(name = "missive.mqtt.http-proxy.upstreams")
    private Optional<String> proxyUpstreams;

    @Inject
    @ConfigProperty(name = "missive.mqtt.http-proxy.timeout", defaultValue = "10s")
    private Duration proxyTimeout;

    @Inject
    private HistorySettings historySettings;

    @Inject
    private PubSubCluster cluster;

    private MqttSettings settings;
    private PubSubEngine engine;
    private ImRequests imRequests;
    private final MqttClientIds clientIds = new MqttClientIds();

    @PostConstruct
    void start() {
        settings = new MqttSettings(allowAnonymous, connectTimeout.toMillis(), rules("missive.mqtt.topic-rules", topicRules),
                rules("missive.mqtt.anonymous-topic-rules", anonymousTopicRules), pushTopic, nodeId, maxPacketBytes,
                maxConnectBytes);
        PubSubSettings limits;
        try {
            limits = new PubSubSettings(maxInFlight, maxQueued, maxSubscriptions, maxPersistentSessions, maxRetained,
                    maxRetainedBytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("missive.mqtt.*: " + e.getMessage(), e);
        }
        engine = new PubSubEngine(store, limits, core::newMailbox, cluster);
        engine.load();
        HttpProxy proxy;
        try {
            proxy = new HttpProxy(Arrays.stream(proxyUpstreams.orElse("").split(",")).map(String::trim)
                    .filter(u -> !u.isEmpty()).toList(), proxyTimeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("missive.mqtt.http-proxy.upstreams: " + e.getMessage(), e);
        }
        imRequests = new ImRequests(core, settings, groups, membership, history, proxy, historySettings.maxPageSize());
    }

    private static TopicRules rules(String setting, String value) {
        try {
            return TopicRules.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + ": " + e.getMessage(), e);
        }
    }

    /** This node's engine, which the commit feed tells what other nodes stored. */
    @Produces
    @Singleton
    PubSubEngine engine() {
        return engine;
    }

    /** Loads the persistent sessions as the application starts, not on the first connection's I/O thread. */
    void load(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        engine.sessionCount();
    }

    public int maxPacketBytes() {
        return settings.maxPacketBytes();
    }

    /** A new connection's limit on its first packet, to go in front of the MQTT decoder. */
    public ConnectPacketLimit connectPacketLimit() {
        return new ConnectPacketLimit(Math.min(settings.maxConnectBytes(), settings.maxPacketBytes()));
    }

    /** A new MQTT connection on any transport, writing to {@code sink}. */
    public Inbound<MqttMessage> newConnection(Sink<MqttMessage> sink, String transport) {
        return new MqttConnection(core, engine, settings, clientIds, imRequests, sink, transport);
    }
}
