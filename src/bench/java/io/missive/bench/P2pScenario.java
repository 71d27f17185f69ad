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
 * every message arrives and the p99 stays within {@link P2pLoad#P99_LIMIT}) and the latency
 * distribution at half that rate.
 */
final class P2pScenario {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SETTLE_QUIET = Duration.ofSeconds(1);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
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

    P2pResult run(ClientFactory factory, boolean durable, List<BenchAccount[]> pairs) throws IOException, InterruptedException {
        boolean ramping = options.runs(BenchOptions.P2P_THROUGHPUT);
        boolean latencyRun = options.runs(BenchOptions.P2P_LATENCY);
        progress.printf("%n== %s: %d publisher/subscriber pairs, window %d, %d-byte payloads%n",
                factory.name(), pairs.size(), options.window(), 100);
        try (P2pLoad load = P2pLoad.open(factory, pairs, options.window(), cpuMeter)) {
            int step = 0;
            double warmUpRate = options.startRate() * 2;
            progress.printf("  warm-up, %d s at %,.0f msg/s (not counted) ...%n", options.warmUp().toSeconds(), warmUpRate);
            StepResult warmUp = load.run(step++, warmUpRate, options.warmUp(), DRAIN_TIMEOUT);
            progress.println("  warm-up:  " + warmUp.summary());
            load.settle(SETTLE_QUIET, SETTLE_TIMEOUT);

            List<StepResult> steps = new ArrayList<>();
            double max = 0;
            boolean hitCeiling = false;
            if (ramping) {
                ThroughputRamp ramp = new ThroughputRamp(options.startRate(), GROWTH, options.refinements(),
                        options.startRate() / 16, CEILING);
                for (OptionalDouble rate = ramp.nextRate(); rate.isPresent(); rate = ramp.nextRate()) {
                    progress.printf("  step %2d: %,.0f msg/s for %d s ...%n", steps.size() + 1, rate.getAsDouble(),
                            options.stepDuration().toSeconds());
                    StepResult result = load.run(step++, rate.getAsDouble(), options.stepDuration(), DRAIN_TIMEOUT);
                    progress.println("           " + result.summary());
                    steps.add(result);
                    ramp.record(rate.getAsDouble(), result.sustained());
                    load.settle(SETTLE_QUIET, SETTLE_TIMEOUT);
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
                latency = load.run(step, latencyRate, options.latencyDuration(), DRAIN_TIMEOUT);
                progress.println("           " + latency.summary());
            }
            if (load.strays() > 0) {
                progress.printf("  (%,d messages arrived after their step had ended and were not counted in any)%n", load.strays());
            }
            return new P2pResult(factory.name(), durable, steps, max, hitCeiling, latency);
        }
    }
}
