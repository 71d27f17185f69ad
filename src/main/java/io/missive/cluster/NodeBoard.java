package io.missive.cluster;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Every node of the cluster with its load and addresses, as last published: the gateway role
 * (which node a new client goes to) and the monitor role (the admin status) read it. One node
 * alone shows itself only.
 */
public interface NodeBoard {

    /** Every node known now, this one included, by id. */
    List<NodeStatus> nodes();

    /**
     * The node a new client of {@code listener} should go to: among the ready nodes that have that
     * listener, one of the two least loaded, at random weighted towards the lighter, so that a storm
     * of reconnecting clients spreads instead of landing on one node. Empty when no ready node has it.
     */
    default Optional<NodeStatus> pickFor(String listener, RandomGenerator random) {
        List<NodeStatus> candidates = nodes().stream()
                .filter(n -> n.ready() && n.listeners().containsKey(listener))
                .sorted(java.util.Comparator.comparingInt(NodeStatus::connections).thenComparing(NodeStatus::nodeId))
                .limit(2)
                .toList();
        if (candidates.size() < 2) {
            return candidates.stream().findFirst();
        }
        // weights inverse to load: with 0 and 100 connections the lighter gets 101 of 102 clients
        double lighter = candidates.get(1).connections() + 1.0;
        double heavier = candidates.get(0).connections() + 1.0;
        return Optional.of(random.nextDouble() * (lighter + heavier) < lighter ? candidates.get(0) : candidates.get(1));
    }

    /** The address of {@code listener} on the node a new client should go to, if any node has one. */
    default Optional<String> addressFor(String listener) {
        return pickFor(listener, RandomGenerator.getDefault()).map(n -> n.listeners().get(listener));
    }
}
