package io.missive.bench;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Optional;

/** The commit floor's section of docs/benchmarks.md ({@link CommitFloorScenario}), beside the CPU per message. */
final class CommitFloorReport {

    static final String HEADING = "## PostgreSQL alone: the CPU of a durable commit";

    private CommitFloorReport() {
    }

    /**
     * The section, empty when the scenario did not run; {@code p2p} gives Mosquitto QoS 1's cost to compare with,
     * {@code pairs} is the conversations of Missive's batches.
     */
    static String section(List<CommitFloorResult> floor, List<P2pResult> p2p, int pairs) {
        if (floor.isEmpty()) {
            return "";
        }
        Optional<Double> mosquitto = CostReport.mosquittoQos1(p2p).map(CostReport::microsPerMessage);
        StringBuilder out = new StringBuilder(HEADING).append("\n\n");
        out.append(String.format("PostgreSQL on its own, on a database of its own with the same durable settings and"
                + " Missive's schema, neither Missive nor Payara: a JDBC connection in auto-commit writes 100-byte rows"
                + " at %,.0f rows/s (the rate of the CPU per message above), a number of rows per commit, each commit one"
                + " statement. Two kinds of commit: rows into a table with a primary key and nothing else"
                + " (`INSERT … SELECT … FROM unnest(…)`), the least a store of each message costs PostgreSQL at this rate;"
                + " and Missive's own batch call (`write_message_batch`, through the writer's code and its held connection: the conversations"
                + " numbered, the messages inserted, the senders' cursors and the receivers' acknowledgements of the batch"
                + " before raised), messages of %d conversations in turn. A batch is sent once its last row has arrived:"
                + " its first row waits for the others before the commit begins. **CPU** is every PostgreSQL process's"
                + " over the measured time; the last column sets its CPU per row against Mosquitto QoS 1's whole CPU per"
                + " message in this run.%n%n", floor.get(0).offeredRows(), pairs));
        out.append("| commit writes | rows per commit | commits/s | PostgreSQL cores | CPU per commit | CPU per row"
                + " | commit p50, p99, max ms | first row's wait p50, p99, max ms | other processes' cores"
                + " | per row / Mosquitto QoS 1 |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |\n");
        for (CommitFloorResult r : floor) {
            out.append(String.format("| %s | %d | %,.0f%s | %.2f | %,.0f µs | %,.0f µs | %s | %s | %s | %s |%n", r.kind(), r.batch(),
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
