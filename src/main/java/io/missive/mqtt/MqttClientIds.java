package io.missive.mqtt;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The live MQTT connections of this node by client id, so that a second connection of a client id
 * takes the first one's place (MQTT 3.1.1, 3.1.4-2). Safe from any thread.
 */
final class MqttClientIds {

    private final ConcurrentHashMap<String, MqttConnection> live = new ConcurrentHashMap<>();

    /** Records the live connection of a client id; answers the one it replaces, if any. */
    MqttConnection connected(String clientId, MqttConnection connection) {
        return live.put(clientId, connection);
    }

    /** Forgets the connection, unless another one has the client id by now. */
    void disconnected(String clientId, MqttConnection connection) {
        live.remove(clientId, connection);
    }

    /** The live connection of a client id, or null. */
    MqttConnection get(String clientId) {
        return live.get(clientId);
    }
}
