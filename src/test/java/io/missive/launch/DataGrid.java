package io.missive.launch;

import java.util.List;
import java.util.Map;

/**
 * How a Payara Micro joins its data grid: by TCP/IP with explicit members on this machine, under a
 * cluster name of its own, so that no other Payara on the host (a developer's {@code -Prun}, the
 * benchmark) joins by multicast. Fast failure detection, as a test wants it.
 *
 * @param port               this member's Hazelcast port
 * @param memberPorts        every member's port, this one's included
 * @param mergeSearchSeconds how often this member, when master of the smaller side of a split, looks
 *                           for the other side to merge into (Hazelcast's split-brain handler)
 */
public record DataGrid(String clusterName, int port, List<Integer> memberPorts, int mergeSearchSeconds) {

    public DataGrid {
        memberPorts = List.copyOf(memberPorts);
    }

    /** A member that looks for the other side of a split every 5 s. */
    public DataGrid(String clusterName, int port, List<Integer> memberPorts) {
        this(clusterName, port, memberPorts, 5);
    }

    /** The Payara Micro options, in place of {@code --nocluster}. */
    List<String> options() {
        String members = String.join(",", memberPorts.stream().map(p -> "127.0.0.1:" + p).toList());
        return List.of("--clustermode", "tcpip:" + members, "--clustername", clusterName, "--startport",
                Integer.toString(port), "--interfaces", "127.0.0.1");
    }

    /**
     * The application's settings for the member {@code nodeId} of this grid: clustering on, its id, and
     * 127.0.0.1 as the host its clients are sent to (the grid binds there only).
     */
    public static Map<String, String> nodeSettings(String nodeId) {
        return Map.of("missive.cluster.enabled", "true", "missive.cluster.node-id", nodeId,
                "missive.cluster.advertised-host", "127.0.0.1");
    }

    /** Hazelcast's failure detection and merge, in seconds instead of minutes. */
    List<String> jvmOptions() {
        return List.of("-Dhazelcast.heartbeat.interval.seconds=1", "-Dhazelcast.max.no.heartbeat.seconds=6",
                "-Dhazelcast.merge.first.run.delay.seconds=5", "-Dhazelcast.merge.next.run.delay.seconds=" + mergeSearchSeconds,
                "-Dhazelcast.phone.home.enabled=false");
    }
}
