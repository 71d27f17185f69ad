package io.missive.bench;

import java.util.NavigableSet;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * Which offered rate to try next while looking for the highest sustained one: up by
 * {@code growth} while steps pass; after the first failure, {@code refinements} bisections
 * (geometric mean) between the best passing and the lowest failing rate; when the very first
 * step fails, down by {@code growth} until one passes or the rate falls under {@code floor}.
 * Then the best passing rate is held again for longer ({@link #confirming()}): short steps pass
 * rates a longer run does not hold, and half the maximum is where the latency is measured. When the
 * longer step fails, the next lower passing rate is held (below them all, down by {@code growth}),
 * until one holds.
 */
final class ThroughputRamp {

    private final double growth;
    private final int refinements;
    private final double floor;
    private final double ceiling;
    private double next;
    private double bestPassed;
    private double lowestFailed = Double.POSITIVE_INFINITY;
    private int refinementsDone;
    private final NavigableSet<Double> passed = new TreeSet<>();
    private boolean confirming;
    private boolean done;

    ThroughputRamp(double start, double growth, int refinements, double floor, double ceiling) {
        if (!(growth > 1) || !(start > 0) || refinements < 0 || !(floor > 0) || ceiling < start) {
            throw new IllegalArgumentException("bad ramp: start " + start + ", growth " + growth + ", refinements "
                    + refinements + ", floor " + floor + ", ceiling " + ceiling);
        }
        this.growth = growth;
        this.refinements = refinements;
        this.floor = floor;
        this.ceiling = ceiling;
        this.next = start;
    }

    /** The rate of the next step, or empty when the search is over. */
    OptionalDouble nextRate() {
        return done ? OptionalDouble.empty() : OptionalDouble.of(next);
    }

    /** Whether the step {@link #nextRate()} gives holds a rate that passed, for longer, to confirm it. */
    boolean confirming() {
        return confirming && !done;
    }

    /** Records the outcome of the step at {@code rate} (the one {@link #nextRate()} gave). */
    void record(double rate, boolean sustained) {
        if (confirming) {
            recordConfirmation(rate, sustained);
            return;
        }
        if (sustained) {
            bestPassed = Math.max(bestPassed, rate);
            passed.add(rate);
        } else {
            lowestFailed = Math.min(lowestFailed, rate);
        }
        if (lowestFailed == Double.POSITIVE_INFINITY) {
            // still climbing
            if (rate >= ceiling) {
                confirm();
            } else {
                next = Math.min(rate * growth, ceiling);
            }
        } else if (bestPassed == 0) {
            // nothing passed yet: go down
            next = rate / growth;
            done = next < floor;
        } else if (refinementsDone < refinements) {
            refinementsDone++;
            next = Math.sqrt(bestPassed * lowestFailed);
        } else {
            confirm();
        }
    }

    private void confirm() {
        confirming = true;
        next = bestPassed;
    }

    private void recordConfirmation(double rate, boolean sustained) {
        if (sustained) {
            bestPassed = rate;
            done = true;
            return;
        }
        lowestFailed = Math.min(lowestFailed, rate);
        passed.remove(rate);
        Double lower = passed.lower(rate);
        bestPassed = 0;
        next = lower != null ? lower : rate / growth;
        done = next < floor;
    }

    /** The highest rate that passed, 0 when none did. */
    double maxSustained() {
        return bestPassed;
    }

    /** Whether the search stopped at the ceiling with every step passing (the maximum is at least the ceiling). */
    boolean hitCeiling() {
        return done && lowestFailed == Double.POSITIVE_INFINITY;
    }
}
