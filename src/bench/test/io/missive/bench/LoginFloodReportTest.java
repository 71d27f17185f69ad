package io.missive.bench;

import static io.missive.bench.BenchmarkChartsTest.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginFloodReportTest {

    private static LoginFloodResult.Phase phase(String name, long baseMicros) {
        return new LoginFloodResult.Phase(name, step(1000, baseMicros, true), 1234, 0, Map.of(3, 20L, 5, 24_000L));
    }

    private static LoginFloodResult.Phase quietPhase(String name, long baseMicros) {
        return new LoginFloodResult.Phase(name, step(1000, baseMicros, true), 0, 0, Map.of());
    }

    private static LoginFloodResult.Phase busyPhase(String name, long baseMicros) {
        return new LoginFloodResult.Phase(name, step(1000, baseMicros, true, Map.of("Missive", 1.5, "PostgreSQL", 0.0)), 1234,
                0, Map.of(3, 20L, 5, 24_000L));
    }

    @Test
    void aFloodPhaseIsJudgedAgainstTheQuietPhasesP99() {
        LoginFloodResult result = new LoginFloodResult(1000, 8, 600_000, List.of(quietPhase("no flood", 2_000),
                busyPhase("bad passwords for one account from one address", 3_000),
                phase("unknown usernames from 250 addresses", 40_000), quietPhase("after the flood", 2_000)));

        assertThat(result.unaffected(result.phases().get(1))).as("within 2 ms of a ~3 ms p99").isTrue();
        assertThat(result.unaffected(result.phases().get(2))).isFalse();

        String section = LoginFloodReport.section(result);
        assertThat(section).startsWith(LoginFloodReport.HEADING)
                .contains("| bad passwords for one account from one address |")
                .contains("met: not noticeable")
                .contains("RAISED")
                .contains("3: 20, 5: 24,000")
                .contains("| 405 µs |")
                .contains("| not measurable (cores within the 0.00 the phases without a flood differ by) |");
        assertThat(result.serverMicrosPerLogin(result.quiet())).as("no logins, no figure").isNaN();
    }

    @Test
    void aRiseWithinTheSpreadOfThePhasesWithoutAFloodIsNotAFigure() {
        LoginFloodResult.Phase before = new LoginFloodResult.Phase("no flood",
                step(1000, 2_000, true, Map.of("Missive", 0.35, "PostgreSQL", 0.41)), 0, 0, Map.of());
        LoginFloodResult.Phase lower = new LoginFloodResult.Phase("bad passwords for one account from one address",
                step(1000, 2_000, true, Map.of("Missive", 0.32, "PostgreSQL", 0.38)), 8, 0, Map.of(3, 13L));
        LoginFloodResult.Phase within = new LoginFloodResult.Phase("unknown usernames from 250 addresses",
                step(1000, 2_000, true, Map.of("Missive", 0.38, "PostgreSQL", 0.41)), 8, 0, Map.of(3, 144L));
        LoginFloodResult.Phase after = new LoginFloodResult.Phase("after the flood",
                step(1000, 2_000, true, Map.of("Missive", 0.31, "PostgreSQL", 0.41)), 0, 0, Map.of());
        LoginFloodResult result = new LoginFloodResult(1000, 8, 1024, List.of(before, lower, within, after));

        assertThat(result.quietSpread()).isCloseTo(0.04, offset(1e-9));
        assertThat(result.riseMeasurable(lower)).as("fewer cores than without a flood").isFalse();
        assertThat(result.riseMeasurable(within)).as("0.03 cores more, within the 0.04 spread").isFalse();
        assertThat(LoginFloodReport.section(result)).doesNotContainPattern("\\| -[0-9]")
                .contains("| not measurable (cores within the 0.04 the phases without a flood differ by) |");
    }

    @Test
    void nothingWhenTheScenarioDidNotRun() {
        assertThat(LoginFloodReport.section(null)).isEmpty();
    }
}
