package io.missive.bench;

import io.missive.bench.client.BenchAccount;
import io.missive.bench.client.ClientFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Scenarios 1 and 2 of issue 7 for one target: the throughput ramp (the highest rate at which
 * every message arrives and the p99 stays within {@link P2pLoad#P99_LIMIT}, for a step and then
 * for as long as the latency run, see {@link ThroughputRamp}) and the latency distribution at half
 * that rate.
 */
final class P2pScenario {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);
    private static final double GROWTH = 2;
    private static final double CEILING = 500_000;

    private final BenchOptions options;
    private final CpuMeter cpuMeter;
    private final PrintStream progress;

    P2pScenario(BenchOptions options, CpuMeter cpuMeter, PrintStream progress) {
        this.options = options;
        this.cpuMeter = cpuMeter;
        this.progress = progress;
    }

    /**
     * @param jit the JVMs whose JIT must calm down before the warm-up ends
     */
    P2pResult run(ClientFactory factory, boolean durable, List<BenchAccount[]> pairs, JitActivity jit)
            throws IOException, InterruptedException {
        return run(factory.name(), factory, factory, durable, pairs, jit, options.runs(BenchOptions.P2P_THROUGHPUT),
                options.runs(BenchOptions.P2P_LATENCY), options.runs(BenchOptions.P2P_COST));
    }

    /**
     * The ramp and the latency run with publishers and subscribers connected through factories of their own
     * (on two nodes of a cluster, say), under the name {@code target}.
     */
    P2pResult run(String target, ClientFactory publishers, ClientFactory subscribers, boolean durable,
                  List<BenchAccount[]> pairs, JitActivity jit, boolean ramping, boolean latencyRun, boolean costRun)
            throws IOException, InterruptedException {
        progress.printf("%n== %s: %d publisher/subscriber pairs, window %d, %d-byte payloads%n",
                target, pairs.size(), options.window(), 100);
        if (!publishers.acknowledgesPublishes()) {
            progress.println("  (the server acknowledges nothing to a publisher: a publish counts as acknowledged when it"
                    + " is delivered, so \"ack p99\" below is the delivery's p99, and the window bounds undelivered messages)");
        }
        try (P2pConnections connections = new P2pConnections(publishers, subscribers, pairs, options.window(), cpuMeter,
                progress)) {
            int step = warmUp(connections.load(), jit);

            StepResult cost = null;
            if (costRun) {
                // before the ramp, so that no target is measured just after having been overloaded; after
                // unmeasured rounds at the same rate until the JIT is nearly still, so that what it compiles for
                // that rate (fuller batches, lingering commits) is not counted as the rate's cost
                int[] next = {step};
                jit.warmUp(round -> {
                    StepResult atCostRate = connections.load().run(next[0]++, options.costRate(), options.warmUp(),
                            DRAIN_TIMEOUT);
                    connections.recoverFrom(atCostRate);
                    return atCostRate.summary();
                }, String.format("%d s at %,.0f msg/s", options.warmUp().toSeconds(), options.costRate()),
                        JitActivity.STILL_COMPILE_MILLIS, progress);
                step = next[0];
                progress.printf("  CPU per message at %,.0f msg/s for %d s ...%n", options.costRate(),
                        options.costDuration().toSeconds());
                long serverCompiled = jit.serverCompileMillis();
                long ownCompiled = jit.ownCompileMillis();
                cost = connections.load().run(step++, options.costRate(), options.costDuration(), DRAIN_TIMEOUT);
                progress.printf("           %s (JIT compiled: server %,d ms, load generator %,d ms)%n", cost.summary(),
                        jit.serverCompileMillis() - serverCompiled, jit.ownCompileMillis() - ownCompiled);
                connections.recoverFrom(cost);
            }

            List<StepResult> steps = new ArrayList<>();
            double max = 0;
            boolean hitCeiling = false;
            if (ramping) {
                ThroughputRamp ramp = new ThroughputRamp(options.startRate(), GROWTH, options.refinements(),
                        options.startRate() / 16, CEILING);
                for (OptionalDouble rate = ramp.nextRate(); rate.isPresent(); rate = ramp.nextRate()) {
                    // a rate that passed is held as long as the latency run, which runs at half the one that holds
                    boolean held = ramp.confirming();
                    Duration length = held ? options.latencyDuration() : options.stepDuration();
                    progress.printf("  step %2d: %,.0f msg/s for %d s%s ...%n", steps.size() + 1, rate.getAsDouble(),
                            length.toSeconds(), held ? " (held, to confirm it)" : "");
                    StepResult result = connections.load().run(step++, rate.getAsDouble(), length, DRAIN_TIMEOUT);
                    progress.println("           " + result.summary());
                    steps.add(result);
                    ramp.record(rate.getAsDouble(), result.sustained());
                    connections.recoverFrom(result);
                }
                max = ramp.maxSustained();
                hitCeiling = ramp.hitCeiling();
                progress.printf("  => maximum sustained: %,.0f msg/s%s%n", max, hitCeiling ? " (the ramp's ceiling)" : "");
            }

            StepResult latency = null;
            double latencyRate = ramping ? max / 2 : options.latencyRate();
            if (latencyRun && latencyRate > 0) {
                progress.printf("  latency at %,.0f msg/s%s for %d s ...%n", latencyRate, ramping ? " (half the maximum)" : "",
                        options.latencyDuration().toSeconds());
                latency = connections.load().run(step, latencyRate, options.latencyDuration(), DRAIN_TIMEOUT);
                progress.println("           " + latency.summary());
            }
            if (connections.strays() > 0) {
                progress.printf("  (%,d messages arrived after their step had ended and were not counted in any)%n",
                        connections.strays());
            }
            return new P2pResult(target, durable, !publishers.acknowledgesPublishes(), steps, max, hitCeiling, latency, cost);
        }
    }

    /**
     * Runs rounds of {@code bench.warmup-seconds} at the start rate until the JIT calms down
     * ({@link JitActivity#warmUp}); returns the next step number. Nothing of it is counted.
     */
    private int warmUp(P2pLoad load, JitActivity jit) throws IOException, InterruptedException {
        return jit.warmUp(step -> {
            StepResult warmUp = load.run(step, options.startRate(), options.warmUp(), DRAIN_TIMEOUT);
            load.settle(P2pConnections.SETTLE_QUIET, P2pConnections.SETTLE_TIMEOUT);
            return warmUp.summary();
        }, options.warmUp().toSeconds() + " s", progress);
    }
}
