package io.missive.bench.client;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * MQTT 3.1.1 with HiveMQ's client: Netty underneath, so all clients share a few event-loop threads
 * instead of Paho's three threads each. Same topics as {@link PahoMqttProtocol}
 * ({@code bench/u/<username>}, {@code bench/g/<name>}).
 */
public final class HiveMqttProtocol implements ClientFactory {

    private static final long TIMEOUT_SECONDS = 30;

    private final String host;
    private final int port;
    private final String serverName;
    private final MqttQos qos;
    private final int payloadBytes;
    private final AtomicInteger clientIds = new AtomicInteger();
    private final boolean persistentSessions;

    public HiveMqttProtocol(String host, int port, String serverName, int qos, int payloadBytes) {
        this(host, port, serverName, qos, payloadBytes, false);
    }

    /**
     * @param persistentSessions connect with clean session false and a client id per user, so that the
     *                           broker keeps the subscriptions and queues QoS 1 messages while the user is away
     */
    public HiveMqttProtocol(String host, int port, String serverName, int qos, int payloadBytes, boolean persistentSessions) {
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("QoS 0 or 1, not " + qos);
        }
        this.host = host;
        this.port = port;
        this.serverName = serverName;
        this.qos = qos == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE;
        this.payloadBytes = payloadBytes;
        this.persistentSessions = persistentSessions;
    }

    @Override
    public String name() {
        return serverName + " MQTT QoS " + qos.getCode() + (persistentSessions ? ", persistent session" : "");
    }

    @Override
    public MessagingClient connect(BenchAccount self, List<Destination.Group> groups, DeliveryListener listener)
            throws IOException {
        String clientId = "bench-" + self.username() + (persistentSessions ? "" : "-" + clientIds.incrementAndGet());
        Mqtt3AsyncClient mqtt = MqttClient.builder().useMqttVersion3()
                .identifier(clientId).serverHost(host).serverPort(port)
                .buildAsync();
        HiveMqttClient client = new HiveMqttClient(mqtt, qos, payloadBytes, listener);
        if (persistentSessions) {
            // a resumed session's queued messages may come before the SUBACK, i.e. before a subscription's
            // own callback exists: take every publish this connection gets
            mqtt.publishes(MqttGlobalPublishFilter.ALL, client::arrived);
        }
        try {
            mqtt.connectWith().cleanSession(!persistentSessions).keepAlive(60)
                    .simpleAuth().username(self.username()).password(self.password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            subscribe(mqtt, PahoMqttProtocol.topicOf(new Destination.User(self)), client);
            for (Destination.Group group : groups) {
                subscribe(mqtt, PahoMqttProtocol.topicOf(group), client);
            }
            return client;
        } catch (ExecutionException | TimeoutException e) {
            mqtt.disconnect();
            throw new IOException("MQTT client " + clientId + " cannot connect to " + host + ":" + port + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting " + clientId, e);
        }
    }

    private void subscribe(Mqtt3AsyncClient mqtt, String topic, HiveMqttClient client)
            throws ExecutionException, TimeoutException, InterruptedException {
        var subscribe = mqtt.subscribeWith().topicFilter(topic).qos(qos);
        (persistentSessions ? subscribe.send() : subscribe.callback(client::arrived).send())
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** One connection; the library acknowledges arriving QoS 1 messages once the callback returns. */
    private static final class HiveMqttClient implements MessagingClient {
        private final Mqtt3AsyncClient mqtt;
        private final MqttQos qos;
        private final int payloadBytes;
        private final DeliveryListener listener;
        private volatile boolean closing;

        HiveMqttClient(Mqtt3AsyncClient mqtt, MqttQos qos, int payloadBytes, DeliveryListener listener) {
            this.mqtt = mqtt;
            this.qos = qos;
            this.payloadBytes = payloadBytes;
            this.listener = listener;
        }

        void arrived(Mqtt3Publish publish) {
            listener.received(LoadMessage.fromPayload(publish.getPayloadAsBytes()), System.nanoTime());
        }

        @Override
        public void publish(Destination destination, LoadMessage message) {
            mqtt.publishWith().topic(PahoMqttProtocol.topicOf(destination)).qos(qos)
                    .payload(message.toPayload(payloadBytes))
                    .send()
                    .whenComplete((sent, failure) -> {
                        if (failure == null) {
                            listener.acknowledged(message, System.nanoTime());
                        } else if (!closing) {
                            listener.failed("publish failed: " + failure);
                        }
                    });
        }

        @Override
        public void close() {
            closing = true;
            try {
                mqtt.disconnect().get(2, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the connection goes either way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
