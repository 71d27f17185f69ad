package io.missive.bench;

import static io.missive.bench.BenchmarkReport.millisOrNone;
import static io.missive.bench.BenchmarkReport.mosquitto;
import static io.missive.bench.BenchmarkReport.protocol;
import static io.missive.bench.BenchmarkReport.rate;
import static io.missive.bench.BenchmarkReport.ratio;
import static io.missive.bench.BenchmarkReport.worst;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The report's table of the goals (issue 18's and those kept from earlier issues), each with its figure and verdict. */
final class GoalsReport {

    private GoalsReport() {
    }

    /** The section; a goal not measured in this run has a row saying so. */
    static String section(List<P2pResult> p2p, List<FanOutResult> fanOut, List<DrainResult> drain, List<IdleResult> idle,
                          List<PutResult> put) {
        StringBuilder out = new StringBuilder();
        out.append("## Against the goals\n\n");
        out.append("| goal | Missive | Mosquitto | Missive / Mosquitto | met? |\n| --- | --- | --- | --- | --- |\n");
        out.append(CostReport.goalRows(p2p));
        List<P2pResult> durable = p2p.stream().filter(P2pResult::durable).toList();
        List<P2pResult> missive = p2p.stream().filter(r -> r.target().startsWith("Missive")).toList();
        Optional<P2pResult> qos1 = mosquitto(p2p, 1);
        boolean throughputRow = false;
        for (P2pResult m : durable) {
            if (qos1.isPresent() && !m.ramp().isEmpty() && !qos1.get().ramp().isEmpty()) {
                double q = qos1.get().maxSustained();
                out.append(String.format("| durable p2p throughput at least Mosquitto's QoS 1 | %s: %s | %s (QoS 1) | %s | %s |%n",
                        protocol(m), rate(m), rate(qos1.get()), ratio(m.maxSustained(), q),
                        m.maxSustained() >= q ? "yes" : "**no**"));
                throughputRow = true;
            }
        }
        if (!throughputRow) {
            out.append("| durable p2p throughput at least Mosquitto's QoS 1 | not measured in this run | | | |\n");
        }
        boolean latencyRow = false;
        for (P2pResult result : missive) {
            if (result.latency() != null) {
                StepResult m = result.latency();
                // MQTT QoS 0 beside Mosquitto's QoS 0; every acknowledged protocol beside Mosquitto's QoS 1
                int peerQos = result.target().endsWith("QoS 0") ? 0 : 1;
                Optional<StepResult> peerLatency = mosquitto(p2p, peerQos).map(P2pResult::latency);
                String peer = peerLatency.map(l -> LatencyHistograms.millis(l.p99()) + " ms (QoS " + peerQos + ")").orElse("");
                String peerRatio = peerLatency.map(l -> ratio(m.p99(), l.p99())).orElse("");
                out.append(String.format("| p99 under 5 ms at half the maximum | %s: %s ms at %,.0f msg/s | %s | %s | %s |%n",
                        protocol(result), LatencyHistograms.millis(m.p99()), m.offeredRate(), peer, peerRatio,
                        m.p99() < 5_000 ? "yes" : "**no**"));
                latencyRow = true;
            }
        }
        if (!latencyRow) {
            out.append("| p99 under 5 ms at half the maximum | not measured in this run | | | |\n");
        }
        Optional<IdleResult> peerIdle = idle.stream().filter(r -> r.target().startsWith("Mosquitto")).findFirst();
        List<IdleResult> missiveIdle = idle.stream().filter(r -> r.target().startsWith("Missive")).toList();
        for (IdleResult m : missiveIdle) {
            out.append(String.format("| under 8 KB of server memory per idle connection | %s: %.1f KiB (%,d connections) | %s | %s | %s |%n",
                    m.target().replaceFirst("^Missive ", ""), m.kibPerConnection(), m.connections(),
                    peerIdle.map(p -> String.format("%.1f KiB", p.kibPerConnection())).orElse(""),
                    peerIdle.map(p -> ratio(m.kibPerConnection(), p.kibPerConnection())).orElse(""),
                    (m.kibPerConnection() < 8 ? "yes" : "**no**") + (m.connections() < 15_000 ? ", at fewer than 15,000" : "")));
        }
        if (missiveIdle.isEmpty()) {
            out.append("| under 8 KB of server memory per idle connection | not measured in this run | | | |\n");
        }
        fanOutGoals(out, fanOut);
        drainGoals(out, drain);
        for (PutResult run : put) {
            out.append(String.format("| `/put` at least 10,000 requests/s with p99 under 10 ms (wrk, %d connections), served by"
                            + " %s | %,.0f requests/s, p99 %s ms | no peer | | %s |%n", run.connections(), run.served(),
                    run.perSecond(), LatencyHistograms.millis(run.p99Micros()),
                    run.perSecond() >= 10_000 && run.p99Micros() < 10_000 ? "yes" : "**no**"));
        }
        out.append('\n');
        out.append("A ratio above 1 means Missive is higher: better for throughput, worse for latency and time.\n\n");
        return out.toString();
    }

    /** The fan-out's goal (10,000 members within 0.5 s) and the aim for it (within 100 ms). */
    private static void fanOutGoals(StringBuilder out, List<FanOutResult> fanOut) {
        Optional<FanOutResult> missive = fanOut.stream().filter(r -> r.target().startsWith("Missive"))
                .max(Comparator.comparingInt(FanOutResult::members));
        for (long limitMillis : new long[] {500, 100}) {
            String goal = limitMillis == 500 ? "fan-out to 10,000 members within 0.5 s"
                    : "fan-out to 10,000 members within 100 ms (the aim)";
            if (missive.isEmpty()) {
                out.append("| ").append(goal).append(" | not measured in this run | | | |\n");
                continue;
            }
            FanOutResult m = missive.get();
            Optional<FanOutResult> peer = fanOut.stream()
                    .filter(r -> r.target().startsWith("Mosquitto") && r.members() == m.members()).findFirst();
            out.append(String.format("| %s | %s ms to the last of %,d members (median; worst %s) | %s | %s | %s |%n", goal,
                    millisOrNone(m.medianToLast()), m.members(), worst(m),
                    peer.map(p -> millisOrNone(p.medianToLast()) + " ms").orElse(""),
                    peer.map(p -> ratio(m.medianToLast(), p.medianToLast())).orElse(""),
                    m.members() < 10_000 ? "not measured at 10,000"
                            : m.medianToLast() >= 0 && m.medianToLast() <= limitMillis * 1000 ? "yes" : "**no**"));
        }
    }

    /** The drain's goal (10,000 messages within 1 s) and the aim for it (100,000 within 1 s), per target. */
    private static void drainGoals(StringBuilder out, List<DrainResult> drain) {
        for (int messages : new int[] {10_000, 100_000}) {
            String goal = String.format("offline drain of %,d messages within 1 s%s", messages,
                    messages == 10_000 ? "" : " (the aim)");
            Optional<DrainResult> peer = drain.stream()
                    .filter(r -> r.target().startsWith("Mosquitto") && r.messages() == messages).findFirst();
            List<DrainResult> missive = drain.stream()
                    .filter(r -> r.target().startsWith("Missive") && r.messages() == messages).toList();
            for (DrainResult m : missive) {
                out.append(String.format("| %s | %s: %s ms for %,d (median) | %s | %s | %s |%n", goal,
                        m.target().replaceFirst("^Missive ", ""), millisOrNone(m.median()), m.messages(),
                        peer.map(p -> millisOrNone(p.median()) + " ms").orElse(""),
                        peer.map(p -> ratio(m.median(), p.median())).orElse(""),
                        m.median() >= 0 && m.median() <= 1_000_000 ? "yes" : "**no**"));
            }
            if (missive.isEmpty()) {
                out.append("| ").append(goal).append(" | not measured in this run | | | |\n");
            }
        }
    }
}
