package io.missive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time of the processes that take part (load generator, server, database), and of the whole
 * machine from {@code /proc/stat}: the difference is what other programs took during a step, the
 * sign of a shared machine. Everything shares the same cores, so these numbers say how the cores
 * were split, not what any part would do alone.
 */
final class CpuMeter {

    /** Linux's USER_HZ, the unit of /proc/stat, is 100 on every common configuration. */
    private static final double TICKS_PER_SECOND = 100;

    /** Each group's CPU time so far, in nanoseconds. */
    private final Map<String, LongSupplier> groups = new LinkedHashMap<>();

    /**
     * Counts the CPU time of the processes {@code processes} yields (asked anew at every snapshot) as
     * {@code name}: long-lived processes only, since the time of one that ends between two snapshots is lost.
     */
    CpuMeter group(String name, Supplier<Stream<ProcessHandle>> processes) {
        groups.put(name, () -> processes.get().mapToLong(CpuMeter::ownNanos).sum());
        return this;
    }

    /**
     * Counts as {@code name} the CPU time of the process {@code root} yields, of its live descendants, and
     * of the children it has reaped ({@code cutime} and {@code cstime} in {@code /proc/<pid>/stat}): a
     * PostgreSQL postmaster, whose backends and autovacuum workers come and go. Summing only the processes
     * alive at each snapshot would lose the time of one that ended in between, and could even go back.
     */
    CpuMeter processTree(String name, Supplier<Optional<ProcessHandle>> root) {
        groups.put(name, () -> root.get().map(process -> ownNanos(process) + reapedChildrenNanos(process)
                + process.descendants().mapToLong(CpuMeter::ownNanos).sum()).orElse(0L));
        return this;
    }

    Snapshot snapshot() {
        Map<String, Long> nanos = new LinkedHashMap<>();
        groups.forEach((name, cpu) -> nanos.put(name, cpu.getAsLong()));
        return new Snapshot(System.nanoTime(), nanos, machineBusyTicks());
    }

    private static long ownNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** The CPU time of {@code process}'s children that ended and were waited for, or 0 when unknown. */
    private static long reapedChildrenNanos(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // the fields after the command, which is in parentheses and may hold spaces: state is field 3
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3]);   // cutime, cstime
            return Math.round(ticks / TICKS_PER_SECOND * 1e9);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Busy ticks of all cores together since boot (user, nice, system, irq, softirq, steal), or -1 when unknown. */
    private static long machineBusyTicks() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] fields = lines.get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle and iowait
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    record Snapshot(long atNanos, Map<String, Long> cpuNanos, long machineBusyTicks) {

        /** The cores each group used on average between {@code earlier} and this snapshot. */
        CpuShares since(Snapshot earlier) {
            double seconds = Math.max(1e-3, (atNanos - earlier.atNanos) / 1e9);
            Map<String, Double> cores = new LinkedHashMap<>();
            double ours = 0;
            for (Map.Entry<String, Long> entry : cpuNanos.entrySet()) {
                long before = earlier.cpuNanos.getOrDefault(entry.getKey(), 0L);
                // a process that ended in between takes its time with it; never report less than nothing
                double used = Math.max(0, (entry.getValue() - before) / 1e9 / seconds);
                cores.put(entry.getKey(), used);
                ours += used;
            }
            double others = Double.NaN;
            if (machineBusyTicks >= 0 && earlier.machineBusyTicks >= 0) {
                double machine = (machineBusyTicks - earlier.machineBusyTicks) / TICKS_PER_SECOND / seconds;
                others = Math.max(0, machine - ours);
            }
            return new CpuShares(cores, others);
        }
    }
}
