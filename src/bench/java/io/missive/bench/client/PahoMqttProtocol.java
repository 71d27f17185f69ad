package io.missive.bench.client;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * MQTT 3.1.1 with the Eclipse Paho client ({@code MqttAsyncClient}, in-memory persistence, clean
 * sessions) at one QoS. A user's messages go to the topic {@code bench/u/<username>}, a group's to
 * {@code bench/g/<name>}; every client subscribes to its own topic and to its groups' topics.
 * Paho runs three threads per client (sender, receiver, callback): fine for the p2p pairs, heavy for
 * thousands of clients. Against Missive's MQTT listener the same standard topics are used (the suite's
 * topic rules allow {@code bench/#}), with the users' names and passwords; Mosquitto takes anonymous clients.
 */
public final class PahoMqttProtocol implements ClientFactory {

    private final String serverUri;
    private final String serverName;
    private final int qos;
    private final int maxInflight;
    private final int payloadBytes;
    private final AtomicInteger clientIds = new AtomicInteger();

    /**
     * @param serverUri   e.g. {@code tcp://127.0.0.1:1883}
     * @param maxInflight Paho's limit of unacknowledged QoS 1 publishes per client; publishers must
     *                    keep their own window at or below it, or Paho refuses the publish
     */
    public PahoMqttProtocol(String serverUri, String serverName, int qos, int maxInflight, int payloadBytes) {
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("QoS 0 or 1, not " + qos);
        }
        this.serverUri = serverUri;
        this.serverName = serverName;
        this.qos = qos;
        this.maxInflight = maxInflight;
        this.payloadBytes = payloadBytes;
    }

    @Override
    public String name() {
        return serverName + " MQTT QoS " + qos;
    }

    @Override
    public MessagingClient connect(BenchAccount self, List<Destination.Group> groups, DeliveryListener listener)
            throws IOException {
        String clientId = "bench-" + self.username() + "-" + clientIds.incrementAndGet();
        return PahoMqttClient.connect(serverUri, clientId, self, groups, qos, maxInflight, payloadBytes, listener);
    }

    static String topicOf(Destination destination) {
        if (destination instanceof Destination.User user) {
            return "bench/u/" + user.account().username();
        }
        return "bench/g/" + ((Destination.Group) destination).name();
    }

}
