package io.missive.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.missive.bench.BenchmarkChartsTest.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** CPU per message: the server's processes only, per delivered message, and the goal's verdict per target. */
class CostReportTest {

    private static P2pResult result(String target, boolean durable, Map<String, Double> cores) {
        return new P2pResult(target, durable, false, List.of(), 0, false, null, step(4000, 1000, true, cores));
    }

    private static final P2pResult MOSQUITTO = result("Mosquitto MQTT QoS 1", false,
            Map.of("Mosquitto", 0.2, "Missive", 0.02, "PostgreSQL", 0.01, CpuShares.LOAD_GENERATOR, 0.5));

    @Test
    void aMissiveMessageCostsMissiveAndPostgreSqlAMosquittoOneMosquittoAlone() {
        P2pResult tcp = result("Missive binary/tcp", true,
                Map.of("Missive", 0.6, "PostgreSQL", 0.2, "Mosquitto", 0.01, CpuShares.LOAD_GENERATOR, 0.3));

        assertThat(CostReport.microsPerMessage(tcp)).isCloseTo(200, within(0.01));
        assertThat(CostReport.microsPerMessage(tcp, "PostgreSQL")).isCloseTo(50, within(0.01));
        assertThat(CostReport.microsPerMessage(tcp, "Mosquitto")).isZero();
        assertThat(CostReport.microsPerMessage(MOSQUITTO)).isCloseTo(50, within(0.01));
        assertThat(CostReport.microsPerMessage(MOSQUITTO, "Missive")).isZero();
    }

    @Test
    void eachTargetWithAGoalIsJudgedAgainstMosquittoQos1WithWebSocketsAllowance() {
        List<P2pResult> p2p = List.of(
                result("Missive binary/tcp", true, Map.of("Missive", 0.6, "PostgreSQL", 0.2)),
                result("Missive binary/ws", true, Map.of("Missive", 0.2, "PostgreSQL", 0.08)),
                result("Missive MQTT QoS 1", true, Map.of("Missive", 0.1, "PostgreSQL", 0.1)),
                result("Missive text/tcp", true, Map.of("Missive", 0.1, "PostgreSQL", 0.1)),
                MOSQUITTO);

        String rows = CostReport.goalRows(p2p);

        assertThat(rows.lines()).containsExactly(
                "| CPU per durable message at most Mosquitto QoS 1's | binary/tcp: 200 µs at 4,000 msg/s | 50 µs (QoS 1) | 4.00 | **no** |",
                "| CPU per durable message at most 1.5× Mosquitto QoS 1's | binary/ws: 70 µs at 4,000 msg/s | 50 µs (QoS 1) | 1.40 | yes |",
                "| CPU per durable message at most Mosquitto QoS 1's | MQTT QoS 1: 50 µs at 4,000 msg/s | 50 µs (QoS 1) | 1.00 | yes |");
        assertThat(CostReport.section(p2p, "p2p-cost.png", BenchOptions.fromSystemProperties()))
                .contains("| Missive text/tcp | committed to PostgreSQL | 4,000 |")
                .contains("Missive 0.60 + PostgreSQL 0.20 = 0.80")
                .contains("![server CPU per message](bench/p2p-cost.png)");
    }

    @Test
    void withoutACostRunThereIsNoRowToJudge() {
        assertThat(CostReport.goalRows(List.of())).contains("not measured in this run");
        assertThat(CostReport.section(List.of(), null, BenchOptions.fromSystemProperties())).isEmpty();
    }
}
