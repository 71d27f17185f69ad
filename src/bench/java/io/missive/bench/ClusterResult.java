package io.missive.bench;

import java.util.List;

/**
 * What the cluster scenario measured on three nodes.
 *
 * @param oneNode      p2p with publishers and subscribers on the first node
 * @param crossNode    p2p with publishers on the first node and subscribers on the second
 * @param group        a group spread over every node, published to from the first
 * @param failover     the last node killed under a steady flow to its users
 * @param memory       each node's resident memory
 * @param clientPlacement where the group's members and the failover's users were connected, in words
 */
record ClusterResult(List<String> jvmOptions, String databaseSettings, P2pResult oneNode, P2pResult crossNode,
                     FanOutResult group, FailoverResult failover, List<NodeMemory> memory, String clientPlacement) {

    /**
     * One node's VmRSS, KiB: at rest after the start, the highest during the p2p ramps, the highest with
     * the group's members connected and the group published to.
     */
    record NodeMemory(String node, long restKib, long p2pPeakKib, long groupPeakKib) {
    }
}
