package io.missive.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcceptRateTest {

    private static final long MS = 1_000_000L;

    @Test
    void aSecondsWorthIsAcceptedAtOnceThenOneConnectionPerTokenTime() {
        AcceptRate rate = new AcceptRate(100, 0);
        for (int i = 0; i < 99; i++) {
            assertThat(rate.accepted(0)).as("connection %d of the burst", i + 1).isZero();
        }
        assertThat(rate.accepted(0)).as("the bucket is empty: one token takes 10 ms").isEqualTo(10 * MS);
        assertThat(rate.accepted(10 * MS)).as("one token back, taken: empty again").isEqualTo(10 * MS);
        assertThat(rate.accepted(1_000 * MS)).as("a quiet second refills the bucket").isZero();
    }

    @Test
    void aConnectionAcceptedBeforeThePauseTookHoldWaitsLonger() {
        AcceptRate rate = new AcceptRate(10, 0);
        for (int i = 0; i < 9; i++) {
            rate.accepted(0);
        }
        assertThat(rate.accepted(0)).isEqualTo(100 * MS);
        assertThat(rate.accepted(0)).as("one more already in the accept loop: two tokens to wait for").isEqualTo(200 * MS);
    }

    @Test
    void theRateIsAtLeastOne() {
        assertThatThrownBy(() -> new AcceptRate(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
