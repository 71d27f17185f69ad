package io.missive.core.pubsub;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every session's subscriptions as a tree of topic levels, so that routing a publish walks the
 * levels of its topic instead of testing every filter. Matching takes no lock: nodes are
 * concurrent maps, and a reader sees each subscription either before or after a change. Adding
 * and removing hold the tree's monitor, so that a node emptied by a removal can be cut off
 * without an addition going into it meanwhile; subscriptions change far less often than
 * messages are routed, and without the pruning every topic ever subscribed would stay in memory.
 */
final class SubscriptionTree {

    private final Node root = new Node();

    private static final class Node {
        final ConcurrentHashMap<String, Node> children = new ConcurrentHashMap<>();
        final ConcurrentHashMap<PubSubSession, Integer> subscribers = new ConcurrentHashMap<>();
    }

    synchronized void add(String filter, PubSubSession session, int qos) {
        Node node = root;
        for (String level : filter.split("/", -1)) {
            node = node.children.computeIfAbsent(level, l -> new Node());
        }
        node.subscribers.put(session, qos);
    }

    synchronized void remove(String filter, PubSubSession session) {
        String[] levels = filter.split("/", -1);
        Node[] path = new Node[levels.length + 1];
        path[0] = root;
        for (int i = 0; i < levels.length; i++) {
            path[i + 1] = path[i].children.get(levels[i]);
            if (path[i + 1] == null) {
                return;
            }
        }
        path[levels.length].subscribers.remove(session);
        for (int i = levels.length; i > 0 && path[i].subscribers.isEmpty() && path[i].children.isEmpty(); i--) {
            path[i - 1].children.remove(levels[i - 1], path[i]);
        }
    }

    /** Whether nothing is subscribed (every emptied node was cut off). */
    boolean isEmpty() {
        return root.children.isEmpty() && root.subscribers.isEmpty();
    }

    /** The sessions with a filter matching the topic, each with the highest QoS among its matching filters. */
    Map<PubSubSession, Integer> match(String topic) {
        Map<PubSubSession, Integer> found = new HashMap<>();
        String[] levels = topic.split("/", -1);
        collect(root, levels, 0, topic.startsWith("$"), found);
        return found;
    }

    private static void collect(Node node, String[] levels, int depth, boolean systemTopic,
                                Map<PubSubSession, Integer> found) {
        boolean wildcardAllowed = !(depth == 0 && systemTopic);
        Node rest = wildcardAllowed ? node.children.get("#") : null;
        if (rest != null) {
            addAll(rest, found);
        }
        if (depth == levels.length) {
            addAll(node, found);
            return;
        }
        Node exact = node.children.get(levels[depth]);
        if (exact != null) {
            collect(exact, levels, depth + 1, systemTopic, found);
        }
        Node one = wildcardAllowed ? node.children.get("+") : null;
        if (one != null) {
            collect(one, levels, depth + 1, systemTopic, found);
        }
    }

    private static void addAll(Node node, Map<PubSubSession, Integer> found) {
        node.subscribers.forEach((session, qos) -> found.merge(session, qos, Math::max));
    }
}
