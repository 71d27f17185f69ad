package io.missive.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 5 of issue 7: N connections logged in and idle, held by client JVMs
 * ({@link ClientProcesses}); the server's memory is read before and with all of them open: for a JVM
 * the heap in use after a full GC plus the resident size (VmRSS of /proc/pid/status; the heap is
 * touched in full at start, so this moves only with memory outside it), else the resident size alone.
 */
final class IdleConnectionsScenario {

    private static final long SETTLE_MILLIS = 3000;

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
        long before = ResidentMemory.kib(serverPid);
        progress.printf("  server before: heap in use %,d KiB, resident %,d KiB%n", heapBefore, before);
        try (ClientProcesses clients = ClientProcesses.open(target, protocol, List.of(port), userPrefix, connections, perProcess,
                null, (process, line) -> { }, progress)) {
            Thread.sleep(SETTLE_MILLIS);
            long heapAfter = heapUsedAfterGcKib(serverPid, serverIsJvm);
            long after = ResidentMemory.kib(serverPid);
            IdleResult result = new IdleResult(target, clients.connected(), heapBefore, heapAfter, before, after);
            progress.printf("  all %,d open; server: heap in use %,d KiB, resident %,d KiB; %.1f KiB per connection%n",
                    result.connections(), heapAfter, after, result.kibPerConnection());
            return result;
        } finally {
            // let the server see the goodbyes before the next target logs the same users in
            Thread.sleep(SETTLE_MILLIS);
        }
    }

    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    /** The JVM's heap in use after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), in KiB; 0 for another process. */
    private static long heapUsedAfterGcKib(long pid, boolean jvm) throws IOException, InterruptedException {
        if (!jvm) {
            return 0;
        }
        jcmd(pid, "GC.run");
        Thread.sleep(500);
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IOException("no heap use in jcmd " + pid + " GC.heap_info");
        }
        return Long.parseLong(used.group(1));
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + output.trim());
        }
        return output;
    }
}
