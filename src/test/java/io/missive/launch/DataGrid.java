package io.missive.launch;

import java.util.List;

/**
 * How a Payara Micro joins its data grid: by TCP/IP with explicit members on this machine, under a
 * cluster name of its own, so that no other Payara on the host (a developer's {@code -Prun}, the
 * benchmark) joins by multicast. Fast failure detection, as a test wants it.
 *
 * @param port        this member's Hazelcast port
 * @param memberPorts every member's port, this one's included
 */
public record DataGrid(String clusterName, int port, List<Integer> memberPorts) {

    public DataGrid {
        memberPorts = List.copyOf(memberPorts);
    }

    /** The Payara Micro options, in place of {@code --nocluster}. */
    List<String> options() {
        String members = String.join(",", memberPorts.stream().map(p -> "127.0.0.1:" + p).toList());
        return List.of("--clustermode", "tcpip:" + members, "--clustername", clusterName, "--startport",
                Integer.toString(port), "--interfaces", "127.0.0.1");
    }

    /** Hazelcast's failure detection and merge, in seconds instead of minutes. */
    List<String> jvmOptions() {
        return List.of("-Dhazelcast.heartbeat.interval.seconds=1", "-Dhazelcast.max.no.heartbeat.seconds=6",
                "-Dhazelcast.merge.first.run.delay.seconds=5", "-Dhazelcast.merge.next.run.delay.seconds=5",
                "-Dhazelcast.phone.home.enabled=false");
    }
}
