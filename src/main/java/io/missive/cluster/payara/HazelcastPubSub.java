package io.missive.cluster.payara;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.missive.core.pubsub.PubSubCluster;
import io.missive.core.pubsub.PubSubEngine;
import io.missive.core.pubsub.PubSubMessage;
import jakarta.enterprise.inject.Vetoed;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * MQTT between nodes on Payara's data grid, for what is never stored: QoS 0 publishes
 * ({@value #QOS0}, best effort, as QoS 0 is) and client ids connecting ({@value #CONNECTED}), so
 * that a client id's connection on another node ends. Strings only:
 * {@code <node> <topic> <qos> <payload, base64>} and {@code <node> <client id>}, URL-encoded fields.
 * Grid operations run on this class's own plain thread (see {@link GridThread}); the listeners only
 * hand over to the sessions' mailboxes.
 */
@Vetoed
public final class HazelcastPubSub implements PubSubCluster, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HazelcastPubSub.class.getName());
    static final String QOS0 = "missive.mqtt.qos0";
    static final String CONNECTED = "missive.mqtt.connected";

    private final HazelcastInstance grid;
    private final String nodeId;
    private final ScheduledExecutorService gridThread = GridThread.named("missive-mqtt-grid");
    private volatile ITopic<String> qos0;
    private volatile ITopic<String> connected;
    private volatile UUID qos0Listener;
    private volatile UUID connectedListener;

    private HazelcastPubSub(HazelcastInstance grid, String nodeId) {
        this.grid = grid;
        this.nodeId = nodeId;
    }

    /** MQTT on {@code instance}, the object JNDI answered for {@code payara/Hazelcast}. */
    public static HazelcastPubSub open(Object instance, String nodeId) {
        return new HazelcastPubSub((HazelcastInstance) instance, nodeId);
    }

    @Override
    public void bind(PubSubEngine engine) {
        gridThread.execute(() -> {
            qos0 = grid.getTopic(QOS0);
            connected = grid.getTopic(CONNECTED);
            qos0Listener = qos0.addMessageListener(m -> published(m.getMessageObject(), engine));
            connectedListener = connected.addMessageListener(m -> connected(m.getMessageObject(), engine));
        });
    }

    private void published(String text, PubSubEngine engine) {
        String[] f = text.split(" ", -1);
        if (f.length == 4 && !decode(f[0]).equals(nodeId)) {
            try {
                engine.publishedElsewhere(new PubSubMessage(0, decode(f[1]), Base64.getDecoder().decode(f[3]),
                        Integer.parseInt(f[2]), false));
            } catch (RuntimeException e) {
                LOG.fine(() -> "Dropped a QoS 0 publish from another node that could not be read: " + e);
            }
        }
    }

    private void connected(String text, PubSubEngine engine) {
        String[] f = text.split(" ", -1);
        if (f.length == 2 && !decode(f[0]).equals(nodeId)) {
            engine.connectedElsewhere(decode(f[1]));
        }
    }

    @Override
    public void publishedQos0(PubSubMessage message) {
        String text = encode(nodeId) + " " + encode(message.topic()) + " " + message.qos() + " "
                + Base64.getEncoder().encodeToString(message.payload());
        gridThread.execute(() -> {
            if (qos0 != null) {
                qos0.publish(text);
            }
        });
    }

    @Override
    public void connected(String clientId) {
        String text = encode(nodeId) + " " + encode(clientId);
        gridThread.execute(() -> {
            if (connected != null) {
                connected.publish(text);
            }
        });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** Removes the listeners (the grid outlives the application) and ends the thread. */
    @Override
    public void close() {
        gridThread.execute(() -> {
            if (qos0Listener != null) {
                qos0.removeMessageListener(qos0Listener);
                connected.removeMessageListener(connectedListener);
            }
        });
        gridThread.shutdown();
        try {
            gridThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
