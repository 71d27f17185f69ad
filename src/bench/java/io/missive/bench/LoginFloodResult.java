package io.missive.bench;

import java.util.List;
import java.util.Map;

/**
 * The login flood's phases, the first without a flood.
 *
 * @param rate               the p2p load's offered rate
 * @param threads            threads that sent bad logins
 * @param passwordIterations the server's PBKDF2 work factor
 */
record LoginFloodResult(double rate, int threads, int passwordIterations, List<Phase> phases) {

    /**
     * How much the p99 of delivery may rise over the phase without a flood and still count as not
     * noticeable: a quarter, or 2 ms where a quarter is less (the p99 of a quiet 20-s step varies by
     * about that much from step to step on this machine).
     */
    static final double NOTICEABLE_FACTOR = 1.25;
    static final long NOTICEABLE_MICROS = 2_000;

    /**
     * @param attemptsPerSecond bad logins answered or failed per second of the phase
     * @param noAnswer          attempts without a CONNECT_ACK
     * @param answers           CONNECT_ACK codes the server answered, with their counts
     */
    record Phase(String name, StepResult load, double attemptsPerSecond, long noAnswer, Map<Integer, Long> answers) {
    }

    Phase quiet() {
        return phases.get(0);
    }

    /**
     * The server's CPU (Missive and PostgreSQL) per bad login in {@code phase}: its cores over the phase
     * without a flood's, per attempt; NaN without attempts.
     */
    double serverMicrosPerLogin(Phase phase) {
        if (phase.attemptsPerSecond() <= 0) {
            return Double.NaN;
        }
        return (serverCores(phase) - serverCores(quiet())) / phase.attemptsPerSecond() * 1e6;
    }

    /**
     * Whether {@code phase}'s server cores rose over the phase without a flood by more than the two
     * phases without one (the first and the last) differ: a rise within that spread says nothing of a
     * bad login's cost (at a few attempts a second it is often negative).
     */
    boolean riseMeasurable(Phase phase) {
        double rise = serverCores(phase) - serverCores(quiet());
        return rise > quietSpread();
    }

    /** How far apart the server's cores were in the two phases without a flood, the first and the last. */
    double quietSpread() {
        Phase last = phases.get(phases.size() - 1);
        return last == quiet() || last.attemptsPerSecond() > 0 ? 0 : Math.abs(serverCores(last) - serverCores(quiet()));
    }

    private static double serverCores(Phase phase) {
        return phase.load().cpu().cores().getOrDefault("Missive", 0.0) + phase.load().cpu().cores().getOrDefault("PostgreSQL", 0.0);
    }

    /** Whether this phase's delivery p99 stayed within the noticeable rise over the quiet phase's, with nothing lost. */
    boolean unaffected(Phase phase) {
        long quiet = quiet().load().p99();
        long limit = Math.max((long) (quiet * NOTICEABLE_FACTOR), quiet + NOTICEABLE_MICROS);
        return phase.load().p99() <= limit && phase.load().received() >= phase.load().acknowledged()
                && phase.load().errors() == 0;
    }
}
