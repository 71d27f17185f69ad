package io.missive.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PutScenarioTest {

    @Test
    void readsWrksLatenciesInEveryUnit() {
        assertThat(PutScenario.micros("635.91us")).isEqualTo(636);
        assertThat(PutScenario.micros("1.20ms")).isEqualTo(1_200);
        assertThat(PutScenario.micros("2.01s")).isEqualTo(2_010_000);
    }
}
