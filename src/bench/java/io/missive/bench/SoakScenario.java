package io.missive.bench;

import io.missive.bench.client.BenchAccount;
import io.missive.bench.client.BinaryTcpProtocol;
import io.missive.bench.client.ClientFactory;
import io.missive.bench.client.LoadMessage;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak ({@code bench.scenarios=soak}, issue 17): a steady durable p2p load over binary/tcp for
 * {@code bench.soak.minutes} (60; 2 when quick) at half the maximum sustained rate (the p2p ramp's of
 * this run, else a ramp of its own first) or at {@code bench.soak.rate}. After every
 * {@code bench.soak.sample-seconds} the load drains and the server's heap after a full GC and its
 * resident size are read; lost messages and errors are counted over the whole run.
 */
final class SoakScenario {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);

    private final BenchOptions options;
    private final CpuMeter cpuMeter;
    private final PrintStream progress;

    SoakScenario(BenchOptions options, CpuMeter cpuMeter, PrintStream progress) {
        this.options = options;
        this.cpuMeter = cpuMeter;
        this.progress = progress;
    }

    /** Makes its users, finds its rate and runs; {@code p2p} holds the p2p results of this run, if any. */
    SoakResult run(MissiveUnderTest missive, List<P2pResult> p2p) throws IOException, InterruptedException {
        ManagementApi api = missive.managementApi();
        List<BenchAccount[]> pairs = pairs(api, "soak-");
        try (ClientFactory tcp = new BinaryTcpProtocol("127.0.0.1", missive.binaryTcpPort(), LoadMessage.DEFAULT_PAYLOAD_BYTES)) {
            double rate = options.soakRate();
            String rateFrom = "`bench.soak.rate`";
            if (rate <= 0) {
                double max = p2p.stream().filter(r -> r.target().equals(tcp.name()) && r.maxSustained() > 0)
                        .mapToDouble(P2pResult::maxSustained).findFirst().orElse(0);
                rateFrom = "half the maximum sustained rate of this run's p2p ramp";
                if (max <= 0) {
                    progress.printf("%n== soak: measuring the maximum sustained rate of %s first%n", tcp.name());
                    // users of its own: what its failed steps left undelivered must not reach the soak's subscribers
                    max = new P2pScenario(options.throughputOnly(), cpuMeter, progress)
                            .run(tcp, true, pairs(api, "soak-ramp-"), new JitActivity(List.of(missive.pid()))).maxSustained();
                    rateFrom = "half the maximum sustained rate, measured by a ramp just before";
                }
                rate = max / 2;
            }
            return soak(tcp, pairs, rate, rateFrom, missive.pid());
        }
    }

    private SoakResult soak(ClientFactory factory, List<BenchAccount[]> pairs, double rate, String rateFrom, long pid)
            throws IOException, InterruptedException {
        Duration total = options.soakDuration();
        progress.printf("%n== soak: %s, %d pairs, %,.0f msg/s for %d min, sampled every %d s%n", factory.name(),
                pairs.size(), rate, total.toMinutes(), options.soakSample().toSeconds());
        List<SoakResult.Sample> samples = new ArrayList<>();
        samples.add(sample(0, pid, 0));
        long sent = 0;
        long acknowledged = 0;
        long received = 0;
        long errors = 0;
        long start = System.nanoTime();
        try (P2pConnections connections = new P2pConnections(factory, factory, pairs, options.window(), cpuMeter,
                progress)) {
            int step = 0;
            for (long left = total.toNanos(); left > 0; left = total.toNanos() - (System.nanoTime() - start)) {
                Duration interval = Duration.ofNanos(Math.min(left, options.soakSample().toNanos()));
                StepResult result = connections.load().run(step++, rate, interval, DRAIN_TIMEOUT);
                sent += result.sent();
                acknowledged += result.acknowledged();
                received += result.received();
                errors += result.errors();
                SoakResult.Sample sample = sample((System.nanoTime() - start) / 60e9, pid, result.p99());
                samples.add(sample);
                progress.printf("  %5.1f min: heap after GC %,d KiB, resident %,d KiB; %s%n", sample.minutes(),
                        sample.heapAfterGcKib(), sample.residentKib(), result.summary());
                // a client the server closed connects again, as a real one would: what it had pending comes late
                connections.recoverFrom(result);
            }
            received += connections.strays();   // delivered after their interval's drain: late, not lost
        }
        SoakResult result = new SoakResult(factory.name(), rate, rateFrom, (System.nanoTime() - start) / 1e9, sent,
                acknowledged, received, errors, samples);
        progress.printf("  => sent %,d, lost %,d, errors %,d; heap after GC %+.1f MiB/h, resident %+.1f MiB/h: %s%n",
                sent, result.lost(), errors, result.heapSlopeMibPerHour(), result.residentSlopeMibPerHour(),
                result.flat() ? "flat" : "GROWING");
        return result;
    }

    private static SoakResult.Sample sample(double minutes, long pid, long p99Micros) throws IOException, InterruptedException {
        return new SoakResult.Sample(minutes, ProcessMemory.heapUsedAfterGcKib(pid), ProcessMemory.residentKib(pid), p99Micros);
    }

    private List<BenchAccount[]> pairs(ManagementApi api, String prefix) throws IOException {
        List<BenchAccount[]> pairs = new ArrayList<>();
        for (int i = 1; i <= options.pairs(); i++) {
            pairs.add(new BenchAccount[] {api.user(prefix + "pub-" + i), api.user(prefix + "sub-" + i)});
        }
        return pairs;
    }
}
