package io.missive.bench;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Optional;

/** The commit floor's section of docs/benchmarks.md ({@link CommitFloorScenario}), beside the CPU per message. */
final class CommitFloorReport {

    static final String HEADING = "## PostgreSQL alone: the CPU of a durable commit";

    private CommitFloorReport() {
    }

    /** The section, empty when the scenario did not run; {@code p2p} gives Mosquitto QoS 1's cost to compare with. */
    static String section(List<CommitFloorResult> floor, List<P2pResult> p2p) {
        if (floor.isEmpty()) {
            return "";
        }
        Optional<Double> mosquitto = CostReport.mosquittoQos1(p2p).map(CostReport::microsPerMessage);
        StringBuilder out = new StringBuilder(HEADING).append("\n\n");
        out.append(String.format("PostgreSQL on its own, on a database of its own with the same durable settings, neither"
                + " Missive nor Payara: one JDBC connection in auto-commit inserts 100-byte rows at %,.0f rows/s (the"
                + " rate of the CPU per message above), a number of rows per commit, each commit one statement"
                + " (`INSERT … SELECT … FROM unnest(…)`) into a table with a primary key and nothing else. Missive's"
                + " writer does more per message (the conversation numbered, the sender's cursor raised, two indexes), so"
                + " this is the least a store of each message costs PostgreSQL at this rate. A batch is sent once its"
                + " last row has arrived: its first row waits for the others before the commit begins. **CPU** is every"
                + " PostgreSQL process's over the measured time; the last column sets its CPU per row against Mosquitto"
                + " QoS 1's whole CPU per message in this run.%n%n", floor.get(0).offeredRows()));
        out.append("| rows per commit | commits/s | PostgreSQL cores | CPU per commit | CPU per row | commit p50, p99, max ms"
                + " | first row's wait p50, p99, max ms | other processes' cores | per row / Mosquitto QoS 1 |\n");
        out.append("| ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |\n");
        for (CommitFloorResult r : floor) {
            out.append(String.format("| %d | %,.0f%s | %.2f | %,.0f µs | %,.0f µs | %s | %s | %s | %s |%n", r.batch(),
                    r.commitsPerSecond(), r.keptUp() ? "" : " (fell behind)", r.postgresCores(), r.microsPerCommit(),
                    r.microsPerRow(), percentiles(r.commit()), percentiles(r.oldestRow()),
                    Double.isNaN(r.otherCores()) ? "" : String.format("%.2f", r.otherCores()),
                    mosquitto.map(m -> String.format("%.2f", r.microsPerRow() / m)).orElse("not measured")));
        }
        return out.append('\n').toString();
    }

    private static String percentiles(Histogram micros) {
        return LatencyHistograms.millis(micros.getValueAtPercentile(50)) + ", "
                + LatencyHistograms.millis(micros.getValueAtPercentile(99)) + ", "
                + LatencyHistograms.millis(micros.getMaxValue());
    }
}
