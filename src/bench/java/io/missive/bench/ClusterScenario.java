package io.missive.bench;

import io.missive.bench.client.BenchAccount;
import io.missive.bench.client.BinaryTcpProtocol;
import io.missive.bench.client.ClientFactory;
import io.missive.bench.client.Destination;
import io.missive.bench.client.LoadMessage;
import io.missive.launch.FreePorts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Issue 15's figures on three nodes of a cluster ({@link MissiveCluster}), all over the binary protocol on TCP:
 * durable p2p with publishers and subscribers on node a, then with the subscribers on node b (the ramp and the
 * latency at half, as {@link P2pScenario} measures any target); a group whose members are spread evenly over the
 * three nodes, published to from node a ({@link FanOutScenario}); node c killed with SIGKILL while its users
 * receive a steady flow ({@link FailoverScenario}); and each node's resident memory throughout. Writes its
 * section of docs/benchmarks.md and the figures of docs/cluster.md ({@link ClusterReport}).
 */
final class ClusterScenario {

    static final List<String> NODES = List.of("a", "b", "c");
    private static final int GROUP_ROUNDS_QUICK = 5;
    private static final int GROUP_ROUNDS = 20;
    /** Messages per second to each user of the killed node: a steady flow that a 2-core machine carries beside three nodes. */
    private static final double FAILOVER_RATE_PER_USER = 5;
    private static final long SETTLE_MILLIS = 5_000;

    private final BenchOptions options;
    private final PrintStream progress;

    ClusterScenario(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    void run(MachineInfo machine, Path workDir, FreePorts ports) throws IOException, InterruptedException {
        progress.println();
        progress.println("== cluster: starting PostgreSQL and " + NODES.size() + " Missive nodes ...");
        int payload = LoadMessage.DEFAULT_PAYLOAD_BYTES;
        ClusterResult result;
        try (MissiveCluster cluster = MissiveCluster.start(workDir, ports, NODES, options.window(), progress)) {
            Thread.sleep(SETTLE_MILLIS);
            List<Long> rest = new ArrayList<>();
            for (long pid : cluster.pids()) {
                rest.add(ProcessMemory.residentKib(pid));
            }
            CpuMeter cpu = new CpuMeter().group(CpuShares.LOAD_GENERATOR, () -> java.util.stream.Stream.of(ProcessHandle.current()));
            for (int i = 0; i < cluster.size(); i++) {
                long pid = cluster.node(i).pid();
                cpu.group("node " + cluster.name(i), () -> ProcessHandle.of(pid).stream());
            }
            cpu.processTree("PostgreSQL", cluster::postmaster);
            ManagementApi api = cluster.node(0).managementApi();
            List<BenchAccount[]> onePairs = pairs(api, "cl-one-");
            List<BenchAccount[]> crossPairs = pairs(api, "cl-cross-");
            List<Integer> tcpPorts = IntStream.range(0, cluster.size()).mapToObj(i -> cluster.node(i).binaryTcpPort()).toList();

            P2pResult oneNode;
            P2pResult crossNode;
            ResidentMemory p2pMemory = new ResidentMemory(cluster.pids());
            try (p2pMemory; ClientFactory a = tcp(tcpPorts.get(0), payload); ClientFactory b = tcp(tcpPorts.get(1), payload)) {
                P2pScenario p2p = new P2pScenario(options, cpu, progress);
                JitActivity jit = new JitActivity(cluster.pids());
                oneNode = p2p.run("binary/tcp, both on node a", a, a, true, onePairs, jit, true, true, false);
                crossNode = p2p.run("binary/tcp, node a to node b", a, b, true, crossPairs, jit, true, true, false);
            }

            int members = options.clusterMembers();
            List<BenchAccount> memberAccounts = api.users("cl-member-", members, progress);
            BenchAccount publisher = api.user("cl-group-pub");
            String groupName = "cluster-" + members;
            long groupId = api.createGroup(groupName);
            List<BenchAccount> group = new ArrayList<>(memberAccounts);
            group.add(publisher);
            progress.printf("Adding %,d members to the group %s ...%n", group.size(), groupName);
            api.addMembers(groupId, group, progress);
            FanOutResult fanOut;
            ResidentMemory groupMemory = new ResidentMemory(cluster.pids());
            try (groupMemory; ClientFactory a = tcp(tcpPorts.get(0), payload)) {
                fanOut = new FanOutScenario(progress, options.clientsPerProcess()).run(a, publisher,
                        new Destination.Group(groupId, groupName), "tcp", tcpPorts, "cl-member-", members,
                        options.quick() ? GROUP_ROUNDS_QUICK : GROUP_ROUNDS);
            }

            List<BenchAccount> users = api.users("cl-failover-", options.failoverUsers(), progress);
            BenchAccount failoverPublisher = api.user("cl-failover-pub");
            FailoverResult failover;
            try (ClientFactory a = tcp(tcpPorts.get(0), payload); ClientFactory b = tcp(tcpPorts.get(1), payload);
                 ClientFactory c = tcp(tcpPorts.get(2), payload)) {
                failover = new FailoverScenario(progress).run(cluster.node(2), c, List.of(a, b), failoverPublisher, users,
                        FAILOVER_RATE_PER_USER);
            }

            List<ClusterResult.NodeMemory> memory = new ArrayList<>();
            for (int i = 0; i < cluster.size(); i++) {
                long pid = cluster.node(i).pid();
                memory.add(new ClusterResult.NodeMemory(cluster.name(i), rest.get(i), p2pMemory.peakKib(pid),
                        groupMemory.peakKib(pid)));
            }
            result = new ClusterResult(MissiveCluster.JVM_OPTIONS, cluster.databaseSettings(), oneNode, crossNode, fanOut,
                    failover, memory, String.format("the group's %,d members in client processes of at most %,d"
                            + " connections, member i on node i mod 3; the %d users of the failover in the suite's JVM",
                            members, options.clientsPerProcess(), users.size()));
            progress.println();
            progress.println("Stopping the nodes and PostgreSQL ...");
        }
        new ClusterReport(options, machine, result).write(options.outputDir().resolve("benchmarks.md"),
                options.outputDir().resolve("cluster.md"));
    }

    /** {@code bench.pairs} publisher/subscriber pairs of new users named {@code <prefix>pub-i} and {@code <prefix>sub-i}. */
    private List<BenchAccount[]> pairs(ManagementApi api, String prefix) throws IOException {
        List<BenchAccount[]> pairs = new ArrayList<>();
        for (int i = 1; i <= options.pairs(); i++) {
            pairs.add(new BenchAccount[]{api.user(prefix + "pub-" + i), api.user(prefix + "sub-" + i)});
        }
        return pairs;
    }

    private static ClientFactory tcp(int port, int payload) {
        return new BinaryTcpProtocol("127.0.0.1", port, payload);
    }
}
