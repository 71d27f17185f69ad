package io.missive.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether this node is one of a cluster, and how it shows itself to the others. Off by default:
 * one node alone behaves as if there were no cluster at all.
 *
 * @param nodeId         this node's own id, unique in the cluster: chosen per start unless set, so
 *                       that a restarted node is a new member and a split-brain merge cannot mix two
 * @param advertisedHost the host name or address clients of other nodes are sent to for this node's
 *                       listeners; empty: the listener's bind address, or this machine's address
 * @param rejoinAfter    how long this node's side of a split grid may stay smaller than the grid it
 *                       knew before it looks for the rest itself, in case the grid's own split-brain
 *                       handler does not (see {@code cluster.payara.GridRejoin})
 */
public record ClusterSettings(boolean enabled, String nodeId, Optional<String> advertisedHost, Duration rejoinAfter) {

    public static final String ENABLED = "missive.cluster.enabled";
    public static final String NODE_ID = "missive.cluster.node-id";
    public static final String ADVERTISED_HOST = "missive.cluster.advertised-host";
    public static final String REJOIN_AFTER = "missive.cluster.rejoin-after";
    /** Longer than two of Hazelcast's own searches for the other side of a split (every 120 s by default). */
    public static final String DEFAULT_REJOIN_AFTER = "5m";

    public ClusterSettings {
        if (nodeId.isBlank() || !nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(NODE_ID + " must be 1 to 64 letters, digits, '.', '_' or '-': '"
                    + nodeId + "'");
        }
        if (rejoinAfter.isNegative() || rejoinAfter.isZero()) {
            throw new IllegalArgumentException(REJOIN_AFTER + " must be positive: " + rejoinAfter);
        }
    }
}
