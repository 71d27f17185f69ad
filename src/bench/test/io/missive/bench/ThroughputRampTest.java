package io.missive.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThroughputRampTest {

    /** Runs the ramp against a system that sustains exactly what {@code passes} says; returns the rates tried. */
    private static List<Double> drive(ThroughputRamp ramp, DoublePredicate passes) {
        return drive(ramp, passes, passes);
    }

    /**
     * The same, with {@code holds} deciding the longer steps that confirm a rate; the rates of those
     * steps are returned negated.
     */
    private static List<Double> drive(ThroughputRamp ramp, DoublePredicate passes, DoublePredicate holds) {
        List<Double> tried = new ArrayList<>();
        while (ramp.nextRate().isPresent()) {
            double rate = ramp.nextRate().getAsDouble();
            boolean confirming = ramp.confirming();
            tried.add(confirming ? -rate : rate);
            ramp.record(rate, confirming ? holds.test(rate) : passes.test(rate));
            assertThat(tried).hasSizeLessThan(50);
        }
        return tried;
    }

    @Test
    void climbsUntilTheFirstFailureThenBisects() {
        ThroughputRamp ramp = new ThroughputRamp(1000, 2, 2, 100, 1_000_000);
        List<Double> tried = drive(ramp, rate -> rate <= 5000);
        // 1000, 2000, 4000 pass, 8000 fails; sqrt(4000*8000) = 5657 fails; sqrt(4000*5657) = 4757 passes,
        // and holds when confirmed
        assertThat(tried).hasSize(7);
        assertThat(tried.subList(0, 4)).containsExactly(1000.0, 2000.0, 4000.0, 8000.0);
        assertThat(tried.get(4)).isCloseTo(5656.85, within(0.01));
        assertThat(tried.get(5)).isCloseTo(4756.83, within(0.01));
        assertThat(tried.get(6)).isCloseTo(-4756.83, within(0.01));
        assertThat(ramp.maxSustained()).isCloseTo(4756.83, within(0.01));
        assertThat(ramp.hitCeiling()).isFalse();
    }

    @Test
    void goesDownWhenTheFirstStepFails() {
        ThroughputRamp ramp = new ThroughputRamp(1000, 2, 1, 100, 1_000_000);
        List<Double> tried = drive(ramp, rate -> rate <= 300);
        // 1000 and 500 fail, 250 passes, then one bisection: sqrt(250*500) = 354 fails; 250 holds
        assertThat(tried.subList(0, 3)).containsExactly(1000.0, 500.0, 250.0);
        assertThat(tried).hasSize(5);
        assertThat(tried.get(4)).isEqualTo(-250.0);
        assertThat(ramp.maxSustained()).isEqualTo(250.0);
    }

    @Test
    void givesUpUnderTheFloor() {
        ThroughputRamp ramp = new ThroughputRamp(1000, 2, 3, 200, 1_000_000);
        assertThat(drive(ramp, rate -> false)).containsExactly(1000.0, 500.0, 250.0);
        assertThat(ramp.maxSustained()).isZero();
    }

    @Test
    void stopsAtTheCeiling() {
        ThroughputRamp ramp = new ThroughputRamp(1000, 2, 3, 100, 5000);
        assertThat(drive(ramp, rate -> true)).containsExactly(1000.0, 2000.0, 4000.0, 5000.0, -5000.0);
        assertThat(ramp.hitCeiling()).isTrue();
        assertThat(ramp.maxSustained()).isEqualTo(5000.0);
    }

    @Test
    void aRateThatShortStepsPassButALongerOneDoesNotGivesWayToTheNextLowerThatHolds() {
        ThroughputRamp ramp = new ThroughputRamp(1000, 2, 0, 100, 1_000_000);
        // short steps pass up to 8000; held longer, only 2000 and below hold
        List<Double> tried = drive(ramp, rate -> rate <= 8000, rate -> rate <= 2000);
        assertThat(tried).containsExactly(1000.0, 2000.0, 4000.0, 8000.0, 16000.0, -8000.0, -4000.0, -2000.0);
        assertThat(ramp.maxSustained()).isEqualTo(2000.0);
        assertThat(ramp.hitCeiling()).isFalse();
    }

    @Test
    void whenNoPassingRateHoldsTheRampGoesDownHeldUntilOneDoes() {
        ThroughputRamp ramp = new ThroughputRamp(1000, 2, 0, 100, 1_000_000);
        List<Double> tried = drive(ramp, rate -> rate <= 1000, rate -> rate <= 300);
        assertThat(tried).containsExactly(1000.0, 2000.0, -1000.0, -500.0, -250.0);
        assertThat(ramp.maxSustained()).isEqualTo(250.0);
    }

    @Test
    void aCeilingThatDoesNotHoldIsNoCeiling() {
        ThroughputRamp ramp = new ThroughputRamp(1000, 2, 3, 100, 4000);
        assertThat(drive(ramp, rate -> true, rate -> rate <= 2000)).containsExactly(1000.0, 2000.0, 4000.0, -4000.0,
                -2000.0);
        assertThat(ramp.hitCeiling()).isFalse();
        assertThat(ramp.maxSustained()).isEqualTo(2000.0);
    }
}
