package io.missive.it.client;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a Paho client received, in order, for a test to take one by one. */
public final class PahoInbox implements MqttCallback {

    /** A message as Paho handed it over. */
    public record Arrived(String topic, String payload, int qos, boolean retained, boolean duplicate) {
    }

    private final BlockingQueue<Arrived> arrived = new LinkedBlockingQueue<>();
    private volatile Throwable lost;

    @Override
    public void connectionLost(Throwable cause) {
        lost = cause;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        arrived.add(new Arrived(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.getQos(),
                message.isRetained(), message.isDuplicate()));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // publishes are synchronous in the tests
    }

    /** The next message within 10 seconds; fails without one. */
    public Arrived next() {
        Arrived a = poll(Duration.ofSeconds(10));
        if (a == null) {
            throw new AssertionError("no MQTT message within 10 s" + (lost != null ? "; connection lost: " + lost : ""));
        }
        return a;
    }

    /** The next message on this topic within 10 seconds, leaving messages on other topics for later. */
    public Arrived nextOn(String topic) {
        java.util.List<Arrived> others = new java.util.ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (System.nanoTime() < end) {
                Arrived a = poll(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
                if (a != null && a.topic().equals(topic)) {
                    return a;
                }
                if (a != null) {
                    others.add(a);
                }
            }
        } finally {
            others.forEach(arrived::add);
        }
        throw new AssertionError("no MQTT message on " + topic + " within 10 s" + (lost != null ? "; connection lost: " + lost : ""));
    }

    /** The next message within the timeout, or null. */
    public Arrived poll(Duration timeout) {
        try {
            return arrived.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public Throwable lost() {
        return lost;
    }
}
