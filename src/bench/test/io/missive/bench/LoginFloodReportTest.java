package io.missive.bench;

import static io.missive.bench.BenchmarkChartsTest.step;
import static org.assertj.core.api.Assertions.assertThat;

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
                .contains("| 405 µs |");
        assertThat(result.serverMicrosPerLogin(result.quiet())).as("no logins, no figure").isNaN();
    }

    @Test
    void nothingWhenTheScenarioDidNotRun() {
        assertThat(LoginFloodReport.section(null)).isEmpty();
    }
}
