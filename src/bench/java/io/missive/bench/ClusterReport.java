package io.missive.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The cluster scenario's section of docs/benchmarks.md ({@value #HEADING}, kept when the other scenarios
 * rewrite that page) and its summary in docs/cluster.md ({@value #FIGURES}); each replaces only its own section.
 */
final class ClusterReport {

    static final String HEADING = "## 9. A cluster of three nodes";
    static final String FIGURES = "## Figures";

    private final BenchOptions options;
    private final MachineInfo machine;
    private final ClusterResult result;
    private final String loadAtEnd = MachineInfo.read().loadAverageAtStart();

    ClusterReport(BenchOptions options, MachineInfo machine, ClusterResult result) {
        this.options = options;
        this.machine = machine;
        this.result = result;
    }

    void write(Path benchmarks, Path cluster) throws IOException {
        replace(benchmarks, HEADING, details());
        replace(cluster, FIGURES, summary());
    }

    private static void replace(Path file, String heading, String section) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, MarkdownSections.replace(existing, heading, section), StandardCharsets.UTF_8);
    }

    /** The run: command, commit, machine and its load. */
    private String run() {
        return String.format("Command `%s`; commit %s; %s; load average %s at the start and %s at the end (1, 5, 15 min;"
                        + " at the end this run's own load included).%s%n%n", BenchmarkReport.command(options), machine.commit(),
                machine.oneLine(), machine.loadAverageAtStart(), loadAtEnd,
                options.quick() ? " **Quick run**: short steps, a coarse ramp and a smaller group; the figures are rough." : "");
    }

    /** The figures against issue 15's aims, one row each. */
    private String goals() {
        StringBuilder out = new StringBuilder("| figure | measured | aim | met? |\n| --- | --- | --- | --- |\n");
        double one = result.oneNode().maxSustained();
        double cross = result.crossNode().maxSustained();
        double ratio = one > 0 ? cross / one : 0;
        out.append(String.format("| durable p2p, highest sustained rate (every message delivered, p99 within %d ms),"
                        + " publisher on a, subscriber on b | %s; both on a: %s%s | at least 0.8× one node | %s |%n",
                P2pLoad.P99_LIMIT.toMillis(), BenchmarkReport.rate(result.crossNode()), BenchmarkReport.rate(result.oneNode()),
                one > 0 ? String.format(" (%.2f×)", ratio) : "", one > 0 && ratio >= 0.8 ? "yes" : "**no**"));
        StepResult latency = result.crossNode().latency();
        StepResult oneLatency = result.oneNode().latency();
        if (latency != null && oneLatency != null) {
            out.append(String.format("| p50 / p99 at half the maximum, a to b | %s / %s ms at %,.0f msg/s; both on a: %s / %s ms"
                            + " at %,.0f msg/s | p99 under 10 ms | %s |%n", LatencyHistograms.millis(latency.p50()),
                    LatencyHistograms.millis(latency.p99()), latency.offeredRate(), LatencyHistograms.millis(oneLatency.p50()),
                    LatencyHistograms.millis(oneLatency.p99()), oneLatency.offeredRate(),
                    latency.p99() < 10_000 ? "yes" : "**no**"));
        }
        FanOutResult group = result.group();
        out.append(String.format("| a group of %,d members spread over the 3 nodes, from the publish on a to the last"
                        + " member | %s ms median, %s worst, of %d publishes | under 0.5 s | %s |%n", group.members(),
                millis(group.medianToLast()), group.worstToLast() < 0 ? "a round did not complete"
                        : LatencyHistograms.millis(group.worstToLast()) + " ms", group.roundsToLastMicros().size(),
                group.members() < 10_000 ? "not measured at 10,000"
                        : group.worstToLast() >= 0 && group.worstToLast() <= 500_000 ? "yes" : "**no**"));
        FailoverResult failover = result.failover();
        out.append(String.format("| failover: node c killed (SIGKILL) while its %d users receive %.0f msg/s each; until every"
                        + " one receives again on a or b | %s s (median %s s) | under 10 s | %s |%n", failover.users(),
                failover.perUserRate(), FailoverResult.seconds(failover.allReceivingMicros()),
                FailoverResult.seconds(failover.medianReceivingMicros()),
                failover.allReceivingMicros() >= 0 && failover.allReceivingMicros() < 10_000_000 ? "yes" : "**no**"));
        out.append(String.format("| acknowledged messages to those users lost | %,d of %,d (%,d received twice) | none |"
                + " %s |%n", failover.lost(), failover.acknowledged(), failover.duplicates(), failover.lost() == 0 ? "yes" : "**no**"));
        for (ClusterResult.NodeMemory node : result.memory()) {
            out.append(String.format("| resident memory of node %s: at rest / under p2p load / with the group | %s / %s / %s |"
                    + " (none) | |%n", node.node(), mib(node.restKib()), mib(node.p2pPeakKib()), mib(node.groupPeakKib())));
        }
        return out.append('\n').toString();
    }

    private String details() {
        StringBuilder out = new StringBuilder(HEADING).append("\n\n");
        out.append(String.format("Three Missive nodes (a, b, c: Payara Micro with the WAR, JVM options `%s`, the full JIT)"
                + " on one durable embedded PostgreSQL (%s), clustered as `./mvnw -Prun -Dmissive.cluster.nodes=3` does:"
                + " a data grid with explicit members on 127.0.0.1, a cluster name of the run's own, Hazelcast's heartbeat"
                + " every second and a member lost after 6 s without one (docs/cluster.md). Every client speaks the binary"
                + " protocol over TCP; %s. The nodes, PostgreSQL and the load generator share the same %d cores. Run on its"
                + " own: `./mvnw -Pbench -Dbench.scenarios=cluster` (`bench.cluster-members`, `bench.failover-users`,"
                + " `bench.pairs`).%n%n", String.join(" ", result.jvmOptions()), result.databaseSettings(),
                result.clientPlacement(), machine.cores()));
        out.append(run());
        out.append(goals());
        out.append("### p2p: the ramps\n\n");
        out.append(String.format("%d publisher/subscriber pairs, a window of %,d, %d s per step; the first target warms"
                + " the nodes' JIT up. \"Both on a\" is node a of the same cluster: its own commits also reach its sessions"
                + " through the commit feed, so it is the single-node figure of this setup, not of a server with"
                + " clustering off.%n%n", options.pairs(), options.window(), options.stepDuration().toSeconds()));
        for (P2pResult p2p : List.of(result.oneNode(), result.crossNode())) {
            out.append("#### ").append(p2p.target()).append("\n\n").append(BenchmarkReport.stepTable(p2p, p2p.ramp()));
            if (p2p.latency() != null) {
                StepResult l = p2p.latency();
                out.append(String.format("At half the maximum, %,.0f msg/s for %d s: p50 %s ms, p99 %s ms, p99.9 %s ms,"
                                + " max %s ms; %s.%n%n", l.offeredRate(), options.latencyDuration().toSeconds(),
                        LatencyHistograms.millis(l.p50()), LatencyHistograms.millis(l.p99()), LatencyHistograms.millis(l.p999()),
                        LatencyHistograms.millis(l.max()), l.cpu().summary()));
            }
        }
        FanOutResult group = result.group();
        out.append("### The group spread over three nodes\n\n");
        out.append(String.format("One message at a time to a group of %,d online members, a third on each node, published"
                + " on node a; a round ends when the last member has it (time from the publish, on a clock the client"
                + " processes share). Rounds per publish, in ms: %s.%n%n", group.members(),
                String.join(", ", group.roundsToLastMicros().stream().map(ClusterReport::millis).toList())));
        FailoverResult failover = result.failover();
        out.append("### Failover\n\n");
        out.append(String.format("%d users logged in on node c, each receiving %.0f msg/s from a publisher on node a."
                + " Node c gets SIGKILL; each user logs in again at once on a or b (alternating, retrying every 250 ms"
                + " while the login is refused or fails). Under the default duplicate-login policy (refuse) a login is"
                + " refused while the board still lists node c with a session of that user, so the time is bounded by"
                + " the grid's failure detection. %s.%n%n", failover.users(), failover.perUserRate(), failover.summary()));
        out.append("### Resident memory per node\n\n| node | at rest | peak under p2p load | peak with the group's members |\n"
                + "| --- | --- | --- | --- |\n");
        for (ClusterResult.NodeMemory node : result.memory()) {
            out.append(String.format("| %s | %s | %s | %s |%n", node.node(), mib(node.restKib()), mib(node.p2pPeakKib()),
                    mib(node.groupPeakKib())));
        }
        return out.append('\n').toString();
    }

    private String summary() {
        return FIGURES + "\n\n" + "Measured by the benchmark suite's cluster scenario (details, ramps and method in"
                + " docs/benchmarks.md, section 9): three nodes on one machine with the durable embedded PostgreSQL, every"
                + " client on the binary protocol over TCP. The machine is shared with other builds: the figures are noisy.\n\n"
                + run() + goals();
    }

    private static String millis(long micros) {
        return micros < 0 ? "none" : LatencyHistograms.millis(micros);
    }

    private static String mib(long kib) {
        return String.format("%,d MiB", kib / 1024);
    }
}
