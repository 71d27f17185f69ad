package io.missive.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * How much JIT compiling the JVMs under load have done so far: this JVM's (the load generator's)
 * through its management bean, and a server JVM's through {@code jstat -compiler}. The warm-up
 * lasts until compiling has calmed down; a quick run measured during the first seconds of Payara
 * Micro showed the C2 compiler threads as the busiest threads of the server.
 */
final class JitActivity {

    /** Compiling less than this during a warm-up round ends the warm-up. */
    static final long CALM_COMPILE_MILLIS = 300;
    /**
     * Compiling less than this during a round at the cost rate ends that warm-up: the CPU per message is a
     * steady state's, and 300 ms in 5 s is still 6% of a core, a tenth of Missive's CPU at 4,000 msg/s.
     */
    static final long STILL_COMPILE_MILLIS = 100;
    static final int MAX_WARM_UP_ROUNDS = 12;

    /** One round of a warm-up: the load run once, answering a summary for the progress line. */
    @FunctionalInterface
    interface Round {
        /** @param index the round's number, from 0 */
        String run(int index) throws IOException, InterruptedException;
    }

    private final List<Long> serverPids;

    /** @param serverPids the server JVMs to watch besides this one (none for a server that is no JVM) */
    JitActivity(List<Long> serverPids) {
        this.serverPids = serverPids;
    }

    /**
     * Runs warm-up rounds until the JVMs compile less than {@value #CALM_COMPILE_MILLIS} ms in one (at
     * most {@value #MAX_WARM_UP_ROUNDS} rounds); answers the number of rounds run. Nothing of it is counted.
     */
    int warmUp(Round round, String roundName, PrintStream progress) throws IOException, InterruptedException {
        return warmUp(round, roundName, CALM_COMPILE_MILLIS, progress);
    }

    /**
     * Runs warm-up rounds until the JVMs compile less than {@code calmMillis} in one (at most
     * {@value #MAX_WARM_UP_ROUNDS} rounds); answers the number of rounds run. Nothing of it is counted.
     */
    int warmUp(Round round, String roundName, long calmMillis, PrintStream progress)
            throws IOException, InterruptedException {
        long compiled = compileMillis();
        int rounds = 0;
        while (rounds < MAX_WARM_UP_ROUNDS) {
            String summary = round.run(rounds);
            rounds++;
            long now = compileMillis();
            progress.printf("  warm-up %d (%s, JIT compiled %,d ms): %s%n", rounds, roundName, now - compiled, summary);
            if (now - compiled < calmMillis) {
                break;
            }
            compiled = now;
        }
        return rounds;
    }

    /** Milliseconds spent compiling, summed over the watched JVMs; a JVM that cannot be read counts 0. */
    long compileMillis() {
        return ownCompileMillis() + serverCompileMillis();
    }

    /** Milliseconds this JVM (the load generator) spent compiling. */
    long ownCompileMillis() {
        CompilationMXBean own = ManagementFactory.getCompilationMXBean();
        return own != null && own.isCompilationTimeMonitoringSupported() ? own.getTotalCompilationTime() : 0;
    }

    /** Milliseconds the server JVMs spent compiling; a JVM that cannot be read counts 0. */
    long serverCompileMillis() {
        long total = 0;
        for (long pid : serverPids) {
            total += serverCompileMillis(pid).orElse(0);
        }
        return total;
    }

    /** {@code jstat -compiler <pid>} prints a header line and "Compiled Failed Invalid Time ...", Time in seconds. */
    private static OptionalLong serverCompileMillis(long pid) {
        String jstat = Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
        try {
            Process process = new ProcessBuilder(jstat, "-compiler", Long.toString(pid)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return OptionalLong.empty();
            }
            String[] lines = output.trim().split("\n");
            String[] fields = lines[lines.length - 1].trim().split("\\s+");
            return OptionalLong.of(Math.round(Double.parseDouble(fields[3]) * 1000));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
