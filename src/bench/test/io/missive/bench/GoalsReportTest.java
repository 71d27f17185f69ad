package io.missive.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoalsReportTest {

    private static String goals(List<FanOutResult> fanOut, List<DrainResult> drain) {
        return GoalsReport.section(List.of(), fanOut, drain, List.of(), List.of());
    }

    @Test
    void theDrainIsJudgedAtEachSizeAgainstMosquittoAtTheSameSize() {
        String table = goals(List.of(), List.of(
                new DrainResult("Missive binary/tcp", 10_000, List.of(150_000L, 140_000L, 160_000L)),
                new DrainResult("Missive binary/tcp", 100_000, List.of(1_200_000L, 900_000L, 1_100_000L)),
                new DrainResult("Missive binary/ws", 100_000, List.of(1_900_000L, -1L, 1_800_000L)),
                new DrainResult("Mosquitto MQTT QoS 1, persistent session", 10_000, List.of(154_000L)),
                new DrainResult("Mosquitto MQTT QoS 1, persistent session", 100_000, List.of(1_250_000L))));

        assertThat(table)
                .contains("| offline drain of 10,000 messages within 1 s | binary/tcp: 150 ms for 10,000 (median) | 154 ms | 0.97 | yes |")
                .contains("| offline drain of 100,000 messages within 1 s (the aim) | binary/tcp: 1100 ms for 100,000 (median)"
                        + " | 1250 ms | 0.88 | **no** |")
                .contains("| offline drain of 100,000 messages within 1 s (the aim) | binary/ws: 1900 ms for 100,000 (median)"
                        + " | 1250 ms | 1.52 | **no** |")
                .doesNotContain("binary/ws: 1900 ms for 100,000 (median) | 154 ms");
    }

    @Test
    void aDrainSizeNotRunSaysSo() {
        String table = goals(List.of(), List.of(new DrainResult("Missive binary/tcp", 10_000, List.of(150_000L))));

        assertThat(table).contains("| offline drain of 10,000 messages within 1 s | binary/tcp: 150 ms for 10,000 (median) |  |  | yes |")
                .contains("| offline drain of 100,000 messages within 1 s (the aim) | not measured in this run | | | |");
    }

    @Test
    void theFanOutIsJudgedAgainstTheGoalAndTheAim() {
        String table = goals(List.of(
                new FanOutResult("Missive binary/tcp", 10_000, List.of(90_000L, 322_000L, 421_000L), List.of()),
                new FanOutResult("Mosquitto MQTT QoS 1", 10_000, List.of(625_000L), List.of())), List.of());

        assertThat(table)
                .contains("| fan-out to 10,000 members within 0.5 s | 322 ms to the last of 10,000 members (median; worst 421 ms)"
                        + " | 625 ms | 0.52 | yes |")
                .contains("| fan-out to 10,000 members within 100 ms (the aim) | 322 ms to the last of 10,000 members"
                        + " (median; worst 421 ms) | 625 ms | 0.52 | **no** |");
    }
}
