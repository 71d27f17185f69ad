package io.missive.bench.client;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.io.IOException;
import java.util.List;

/**
 * One MQTT connection through Paho's asynchronous client. The message travels as the publish's
 * user context, so the completion callback (PUBACK at QoS 1, written at QoS 0) gives it back
 * without a map; Paho acknowledges arriving QoS 1 messages itself once
 * {@link MqttCallback#messageArrived} returns.
 */
final class PahoMqttClient implements MessagingClient, MqttCallback, IMqttActionListener {

    private static final long CONNECT_TIMEOUT_MILLIS = 30_000;

    private final MqttAsyncClient client;
    private final int qos;
    private final int payloadBytes;
    private final DeliveryListener listener;
    private volatile boolean closing;

    private PahoMqttClient(MqttAsyncClient client, int qos, int payloadBytes, DeliveryListener listener) {
        this.client = client;
        this.qos = qos;
        this.payloadBytes = payloadBytes;
        this.listener = listener;
    }

    static PahoMqttClient connect(String serverUri, String clientId, BenchAccount self, List<Destination.Group> groups,
                                  int qos, int maxInflight, int payloadBytes, DeliveryListener listener)
            throws IOException {
        try {
            // no shared executor: Paho would run every client's comms threads on it, and a small one starves them
            MqttAsyncClient mqtt = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
            PahoMqttClient client = new PahoMqttClient(mqtt, qos, payloadBytes, listener);
            mqtt.setCallback(client);
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(false);
            options.setMaxInflight(maxInflight);
            options.setKeepAliveInterval(60);
            options.setConnectionTimeout((int) (CONNECT_TIMEOUT_MILLIS / 1000));
            options.setUserName(self.username());
            options.setPassword(self.password().toCharArray());
            mqtt.connect(options).waitForCompletion(CONNECT_TIMEOUT_MILLIS);
            mqtt.subscribe(PahoMqttProtocol.topicOf(new Destination.User(self)), qos).waitForCompletion(CONNECT_TIMEOUT_MILLIS);
            for (Destination.Group group : groups) {
                mqtt.subscribe(PahoMqttProtocol.topicOf(group), qos).waitForCompletion(CONNECT_TIMEOUT_MILLIS);
            }
            return client;
        } catch (MqttException e) {
            throw new IOException("MQTT client " + clientId + " cannot connect to " + serverUri + ": " + e, e);
        }
    }

    @Override
    public void publish(Destination destination, LoadMessage message) {
        try {
            client.publish(PahoMqttProtocol.topicOf(destination), message.toPayload(payloadBytes), qos, false, message, this);
        } catch (MqttException e) {
            listener.failed("publish refused by Paho: " + e);
        }
    }

    // ------------------------------------------------------------------ IMqttActionListener (publish completion)

    @Override
    public void onSuccess(IMqttToken token) {
        listener.acknowledged((LoadMessage) token.getUserContext(), System.nanoTime());
    }

    @Override
    public void onFailure(IMqttToken token, Throwable failure) {
        if (!closing) {
            listener.failed("publish failed: " + failure);
        }
    }

    // ------------------------------------------------------------------ MqttCallback

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        listener.received(LoadMessage.fromPayload(message.getPayload()), System.nanoTime());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // reported through onSuccess, which has the message as the token's user context
    }

    @Override
    public void connectionLost(Throwable cause) {
        if (!closing) {
            listener.failed("MQTT connection lost: " + cause);
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            client.disconnect(1_000).waitForCompletion(2_000);
        } catch (MqttException e) {
            // closed below either way
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing more to release
        }
    }
}
