package io.missive.config;

import java.util.Optional;

/**
 * Whether this node is one of a cluster, and how it shows itself to the others. Off by default:
 * one node alone behaves as if there were no cluster at all.
 *
 * @param nodeId         this node's own id, unique in the cluster: chosen per start unless set, so
 *                       that a restarted node is a new member and a split-brain merge cannot mix two
 * @param advertisedHost the host name or address clients of other nodes are sent to for this node's
 *                       listeners; empty: the listener's bind address, or this machine's address
 */
public record ClusterSettings(boolean enabled, String nodeId, Optional<String> advertisedHost) {

    public static final String ENABLED = "missive.cluster.enabled";
    public static final String NODE_ID = "missive.cluster.node-id";
    public static final String ADVERTISED_HOST = "missive.cluster.advertised-host";

    public ClusterSettings {
        if (nodeId.isBlank() || !nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(NODE_ID + " must be 1 to 64 letters, digits, '.', '_' or '-': '"
                    + nodeId + "'");
        }
    }
}
