package io.missive.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node as the node board shows it to the others: its id, whether it takes clients, its load,
 * and where each of its listeners can be reached ({@code host:port} by listener name).
 *
 * @param cpuLoad this node's process CPU, 0 to 1 of the machine; negative when the JVM cannot tell
 */
public record NodeStatus(String nodeId, boolean ready, int connections, double cpuLoad, double messagesPerSecond,
                         Map<String, String> listeners, long updatedAtMillis) {

    public NodeStatus {
        listeners = Map.copyOf(listeners);
    }

    /**
     * The text kept in the data grid (only the grid's built-in types are stored there):
     * {@code id ready connections cpu rate updated name=host:port ...}.
     */
    public String encode() {
        StringBuilder text = new StringBuilder().append(nodeId).append(' ').append(ready ? 1 : 0).append(' ')
                .append(connections).append(' ').append(cpuLoad).append(' ').append(messagesPerSecond).append(' ')
                .append(updatedAtMillis);
        listeners.forEach((name, address) -> text.append(' ').append(name).append('=').append(address));
        return text.toString();
    }

    /** Reads {@link #encode()}'s text; throws IllegalArgumentException on anything else. */
    public static NodeStatus decode(String text) {
        String[] parts = text.split(" ");
        if (parts.length < 6) {
            throw new IllegalArgumentException("not a node status: " + text);
        }
        Map<String, String> listeners = new LinkedHashMap<>();
        for (int i = 6; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a listener address: " + parts[i]);
            }
            listeners.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return new NodeStatus(parts[0], "1".equals(parts[1]), Integer.parseInt(parts[2]), Double.parseDouble(parts[3]),
                Double.parseDouble(parts[4]), listeners, Long.parseLong(parts[5]));
    }
}
