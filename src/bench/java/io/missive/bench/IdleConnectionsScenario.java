package io.missive.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Scenario 5 of issue 7: N connections logged in and idle, held by client JVMs
 * ({@link ClientProcesses}); the server's memory is read before and with all of them open: for a JVM
 * the heap in use after a full GC plus the resident size (VmRSS of /proc/pid/status; the heap is
 * touched in full at start, so this moves only with memory outside it), else the resident size alone.
 */
final class IdleConnectionsScenario {

    private static final long SETTLE_MILLIS = 3000;
    /** How long the server's CPU is read while idle, without the connections and with them. */
    static final long CPU_MILLIS = 10_000;

    private final PrintStream progress;
    private final int perProcess;

    IdleConnectionsScenario(PrintStream progress, int perProcess) {
        this.progress = progress;
        this.perProcess = perProcess;
    }

    /**
     * @param protocol   {@code ws}, {@code tcp}, {@code msgd}, {@code fishchat} or {@code mqtt}, as {@link ClientProcess} takes it
     * @param serverPid  the process whose memory is measured
     * @param serverIsJvm whether to run a full GC before each reading
     */
    IdleResult run(String target, String protocol, int port, String userPrefix, int connections, long serverPid,
                   boolean serverIsJvm) throws IOException, InterruptedException {
        int processes = (connections + perProcess - 1) / perProcess;
        progress.printf("%n== %s: %,d idle connections from %d client processes%n", target, connections, processes);
        long heapBefore = heapUsedAfterGcKib(serverPid, serverIsJvm);
        long before = ProcessMemory.residentKib(serverPid);
        double coresBefore = idleCores(serverPid);
        progress.printf("  server before: heap in use %,d KiB, resident %,d KiB, %.4f cores%n", heapBefore, before,
                coresBefore);
        try (ClientProcesses clients = ClientProcesses.open(target, protocol, List.of(port), userPrefix, connections, perProcess,
                null, (process, line) -> { }, progress)) {
            Thread.sleep(SETTLE_MILLIS);
            long heapAfter = heapUsedAfterGcKib(serverPid, serverIsJvm);
            long after = ProcessMemory.residentKib(serverPid);
            double coresWith = idleCores(serverPid);
            IdleResult result = new IdleResult(target, clients.connected(), heapBefore, heapAfter, before, after,
                    coresBefore, coresWith);
            progress.printf("  all %,d open; server: heap in use %,d KiB, resident %,d KiB; %.1f KiB per connection;"
                    + " %.4f cores%n", result.connections(), heapAfter, after, result.kibPerConnection(), coresWith);
            return result;
        } finally {
            // let the server see the goodbyes before the next target logs the same users in
            Thread.sleep(SETTLE_MILLIS);
        }
    }

    /** The cores {@code pid} used over {@link #CPU_MILLIS} from now. */
    private static double idleCores(long pid) throws InterruptedException {
        long before = cpuNanos(pid);
        long start = System.nanoTime();
        Thread.sleep(CPU_MILLIS);
        return (cpuNanos(pid) - before) / (double) (System.nanoTime() - start);
    }

    private static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }

    /** The JVM's heap in use after a full GC, in KiB; 0 for another process. */
    private static long heapUsedAfterGcKib(long pid, boolean jvm) throws IOException, InterruptedException {
        return jvm ? ProcessMemory.heapUsedAfterGcKib(pid) : 0;
    }
}
