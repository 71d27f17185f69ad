package io.missive.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The charts render (XChart loops forever on some axis settings: the timeout catches that). */
class BenchmarkChartsTest {

    private static final MachineInfo MACHINE = new MachineInfo(2, "Test CPU", 1L << 34, "JDK 17", "Linux",
            "0.00 0.00 0.00", "vm.dirty_expire_centisecs=3000", "2026-01-01 00:00 UTC", "abc");

    static StepResult step(double rate, long baseMicros, boolean sustained) {
        return step(rate, baseMicros, sustained, Map.of(CpuShares.LOAD_GENERATOR, 0.2, "Missive", 1.0));
    }

    static StepResult step(double rate, long baseMicros, boolean sustained, Map<String, Double> cores) {
        Histogram delivery = LatencyHistograms.empty();
        for (int i = 1; i <= 10_000; i++) {
            delivery.recordValue(baseMicros + i % 1000 * (i % 97 == 0 ? 50 : 1));
        }
        return new StepResult(rate, 3, 10_000, 10_000, 10_000, 10_000, 0, rate, delivery, delivery.copy(),
                new CpuShares(cores, 0.1), sustained, "test");
    }

    @Test
    @Timeout(60)
    void everyChartIsDrawn(@TempDir Path directory) throws Exception {
        List<P2pResult> p2p = List.of(
                new P2pResult("Missive binary/ws", true, false,
                        List.of(step(1000, 2000, true), step(2000, 60_000, false)), 1000, false, step(500, 1500, true),
                        step(4000, 2000, true, Map.of("Missive", 0.6, "PostgreSQL", 0.3))),
                new P2pResult("Mosquitto MQTT QoS 1", false, false,
                        List.of(step(1000, 200, true), step(2000, 300, true)), 2000, true, step(1000, 150, true),
                        step(4000, 200, true, Map.of("Mosquitto", 0.2, "Missive", 0.02))));
        // Mosquitto did not complete at 10,000: its bar there stays empty
        List<FanOutResult> fanOut = List.of(
                new FanOutResult("Missive binary/tcp", 1000, List.of(30_000L, 25_000L), List.of(15_000L, 12_000L)),
                new FanOutResult("Mosquitto MQTT QoS 1", 1000, List.of(20_000L, 22_000L), List.of(9_000L, 10_000L)),
                new FanOutResult("Missive binary/tcp", 10_000, List.of(300_000L, 250_000L), List.of(150_000L, 120_000L)),
                new FanOutResult("Mosquitto MQTT QoS 1", 10_000, List.of(-1L), List.of(-1L)));
        BenchmarkCharts charts = new BenchmarkCharts(directory, MACHINE);

        List<String> files = List.of(charts.costChart(p2p), charts.rampChart(p2p), charts.maxThroughputChart(p2p), charts.latencyChart(p2p),
                charts.fanOutChart(fanOut));

        for (String file : files) {
            assertThat(Files.size(directory.resolve(file))).as(file).isGreaterThan(5_000);
        }
    }
}
