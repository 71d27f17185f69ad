package io.missive.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 18's first figure: the CPU a server spends per message, every p2p target driven at one
 * offered rate ({@code bench.cost-rate}) in the same run. On a machine whose load generator shares
 * the cores with the servers, the highest sustained rate says as much about the machine as about
 * a server; CPU time per message at a fixed rate does not. A Missive message's cost is Missive's
 * JVM and every PostgreSQL process together (the durable step is part of the message); Mosquitto's
 * is its one process (it keeps messages in memory).
 */
final class CostReport {

    static final String MISSIVE = "Missive";
    static final String POSTGRESQL = "PostgreSQL";
    static final String MOSQUITTO = "Mosquitto";
    /** binary over the container's WebSocket may cost this many times Mosquitto's QoS 1. */
    static final double WEBSOCKET_ALLOWANCE = 1.5;

    /** The targets with a goal, and the multiple of Mosquitto QoS 1's cost each may spend. */
    private static final Map<String, Double> GOALS = Map.of(
            "Missive binary/tcp", 1.0,
            "Missive MQTT QoS 1", 1.0,
            "Missive binary/ws", WEBSOCKET_ALLOWANCE);

    private CostReport() {
    }

    /** Microseconds of the server's CPU per delivered message in the cost run; NaN when it did not run. */
    static double microsPerMessage(P2pResult result) {
        StepResult cost = result.cost();
        if (cost == null || cost.deliveredRate() <= 0) {
            return Double.NaN;
        }
        return serverCores(result) * 1_000_000 / cost.deliveredRate();
    }

    /** Microseconds per message of one process group of the server (Missive, PostgreSQL or Mosquitto). */
    static double microsPerMessage(P2pResult result, String group) {
        StepResult cost = result.cost();
        if (cost == null || cost.deliveredRate() <= 0 || !serves(result, group)) {
            return 0;
        }
        return cost.cpu().cores().getOrDefault(group, 0.0) * 1_000_000 / cost.deliveredRate();
    }

    private static double serverCores(P2pResult result) {
        Map<String, Double> cores = result.cost().cpu().cores();
        return isMosquitto(result) ? cores.getOrDefault(MOSQUITTO, 0.0)
                : cores.getOrDefault(MISSIVE, 0.0) + cores.getOrDefault(POSTGRESQL, 0.0);
    }

    private static boolean serves(P2pResult result, String group) {
        return isMosquitto(result) ? group.equals(MOSQUITTO) : group.equals(MISSIVE) || group.equals(POSTGRESQL);
    }

    private static boolean isMosquitto(P2pResult result) {
        return result.target().startsWith(MOSQUITTO);
    }

    /** Mosquitto QoS 1's cost run, the goals' yardstick, when it ran. */
    static Optional<P2pResult> mosquittoQos1(List<P2pResult> p2p) {
        return p2p.stream().filter(r -> r.target().equals("Mosquitto MQTT QoS 1") && r.cost() != null).findFirst();
    }

    /** The rows of the goals table: one per target with a goal, or one saying it was not measured. */
    static String goalRows(List<P2pResult> p2p) {
        StringBuilder rows = new StringBuilder();
        Optional<P2pResult> peer = mosquittoQos1(p2p);
        for (P2pResult result : p2p) {
            Double allowed = GOALS.get(result.target());
            if (allowed == null || result.cost() == null) {
                continue;
            }
            double micros = microsPerMessage(result);
            String goal = allowed == 1.0 ? "CPU per durable message at most Mosquitto QoS 1's"
                    : String.format("CPU per durable message at most %.1f× Mosquitto QoS 1's", allowed);
            rows.append(String.format("| %s | %s: %s at %,.0f msg/s | %s | %s | %s |%n", goal,
                    result.target().replaceFirst("^Missive ", ""), micros(micros), result.cost().offeredRate(),
                    peer.map(q -> micros(microsPerMessage(q)) + " (QoS 1)").orElse(""),
                    peer.map(q -> String.format("%.2f", micros / microsPerMessage(q))).orElse(""),
                    peer.map(q -> micros <= allowed * microsPerMessage(q) ? "yes" : "**no**").orElse("no peer measured")));
        }
        if (rows.isEmpty()) {
            rows.append("| CPU per durable message at most Mosquitto QoS 1's | not measured in this run | | | |\n");
        }
        return rows.toString();
    }

    /** The section: every target's cost at the one rate, with the chart. */
    static String section(List<P2pResult> p2p, String chartFile, BenchOptions options) {
        List<P2pResult> measured = p2p.stream().filter(r -> r.cost() != null).toList();
        if (measured.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("## CPU per message at one rate\n\n");
        out.append(String.format("Every target at %,.0f msg/s for %d s (after its warm-up, and unmeasured rounds of %d s at the"
                        + " same rate until the JVMs compile less than %d ms in one, so that the JIT's compiling for that"
                        + " rate is not counted as its steady cost; before its ramp), 100-byte"
                        + " payloads, %d publisher/subscriber pairs. **Server CPU per message** is the CPU time (user and"
                        + " system, from /proc) of the server's processes over the run divided by the messages delivered:"
                        + " for Missive its JVM and every PostgreSQL process (the commit is part of a durable message),"
                        + " for Mosquitto its process (messages in memory). The load generator's cores show whether it,"
                        + " rather than the server, set the pace.%n%n",
                options.costRate(), options.costDuration().toSeconds(), options.warmUp().toSeconds(),
                JitActivity.STILL_COMPILE_MILLIS, options.pairs()));
        out.append("| target | acknowledgement means | delivered msg/s | p99 ms | server cores | load generator cores |"
                + " server CPU per message | / Mosquitto QoS 1 |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        Optional<P2pResult> peer = mosquittoQos1(p2p);
        for (P2pResult r : measured) {
            StepResult cost = r.cost();
            Map<String, Double> cores = cost.cpu().cores();
            String server = isMosquitto(r) ? String.format("Mosquitto %.2f", cores.getOrDefault(MOSQUITTO, 0.0))
                    : String.format("Missive %.2f + PostgreSQL %.2f = %.2f", cores.getOrDefault(MISSIVE, 0.0),
                    cores.getOrDefault(POSTGRESQL, 0.0), serverCores(r));
            out.append(String.format("| %s | %s | %,.0f | %s | %s | %.2f | %s | %s |%n", r.target(),
                    r.durable() ? "committed to PostgreSQL" : isMosquitto(r) && r.target().endsWith("QoS 1")
                            ? "in the broker's memory" : "written to the socket",
                    cost.deliveredRate(), LatencyHistograms.millis(cost.p99()), server,
                    cores.getOrDefault(CpuShares.LOAD_GENERATOR, 0.0), micros(microsPerMessage(r)),
                    peer.map(q -> String.format("%.2f", microsPerMessage(r) / microsPerMessage(q))).orElse("")));
        }
        out.append('\n');
        for (P2pResult r : measured) {
            if (!r.cost().sustained()) {
                out.append(String.format("- %s did not sustain the rate: %s.%n", r.target(), r.cost().verdict()));
            }
        }
        if (chartFile != null) {
            out.append("\n![server CPU per message](bench/").append(chartFile).append(")\n\n");
        }
        return out.toString();
    }

    private static String micros(double micros) {
        return Double.isNaN(micros) ? "none" : String.format("%,.0f µs", micros);
    }
}
