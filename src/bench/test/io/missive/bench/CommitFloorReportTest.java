package io.missive.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.missive.bench.BenchmarkChartsTest.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** PostgreSQL alone: its CPU per commit and per row, set against Mosquitto QoS 1's whole message. */
class CommitFloorReportTest {

    private static Histogram millis(long... values) {
        Histogram h = LatencyHistograms.empty();
        for (long v : values) {
            h.recordValue(v * 1000);
        }
        return h;
    }

    private static final CommitFloorResult ONE_ROW = new CommitFloorResult("one table", 1, 4000, 3000, 0.6, 0.05, millis(1), millis(2));
    private static final CommitFloorResult SIXTEEN = new CommitFloorResult("Missive's batch call", 16, 4000, 250, 0.1, Double.NaN, millis(1), millis(5));

    @Test
    void theCostOfACommitIsSpreadOverItsRows() {
        assertThat(ONE_ROW.microsPerCommit()).isCloseTo(200, within(0.01));
        assertThat(ONE_ROW.microsPerRow()).isCloseTo(200, within(0.01));
        assertThat(SIXTEEN.microsPerCommit()).isCloseTo(400, within(0.01));
        assertThat(SIXTEEN.microsPerRow()).isCloseTo(25, within(0.01));
        assertThat(ONE_ROW.keptUp()).isFalse();
        assertThat(SIXTEEN.keptUp()).isTrue();
    }

    @Test
    void eachRowIsSetAgainstMosquittoQos1sWholeMessageInTheSameRun() {
        P2pResult mosquitto = new P2pResult("Mosquitto MQTT QoS 1", false, false, List.of(), 0, false, null,
                step(4000, 1000, true, Map.of("Mosquitto", 0.2)));

        String section = CommitFloorReport.section(List.of(ONE_ROW, SIXTEEN), List.of(mosquitto), 4);

        assertThat(section).startsWith(CommitFloorReport.HEADING).contains("at 4,000 rows/s").contains("messages of 4 conversations")
                .contains("| one table | 1 | 3,000 (fell behind) | 0.60 | 200 µs | 200 µs | 1.00, 1.00, 1.00 | 2.00, 2.00, 2.00 | 0.05 | 4.00 |")
                .contains("| Missive's batch call | 16 | 250 | 0.10 | 400 µs | 25 µs | 1.00, 1.00, 1.00 | 5.00, 5.00, 5.00 |  | 0.50 |");
    }

    @Test
    void withoutMosquittoTheComparisonSaysSoAndWithoutTheScenarioThereIsNoSection() {
        assertThat(CommitFloorReport.section(List.of(SIXTEEN), List.of(), 4)).contains("| not measured |");
        assertThat(CommitFloorReport.section(List.of(), List.of(), 4)).isEmpty();
    }
}
