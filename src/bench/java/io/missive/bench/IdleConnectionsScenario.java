package io.missive.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scenario 5 of issue 7: N connections logged in and idle, spread over child JVMs
 * ({@link IdleClients}, at most {@code bench.idle-per-process} each: this machine allows about
 * 20,000 open files per process); the server's memory is read before and with all of them open:
 * for a JVM the heap in use after a full GC plus the resident size (VmRSS of /proc/pid/status; the
 * heap is touched in full at start, so this moves only with memory outside it), else the resident
 * size alone. When the
 * server is a JVM.
 */
final class IdleConnectionsScenario {

    private static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final long READY_TIMEOUT_MINUTES = 15;
    private static final long SETTLE_MILLIS = 3000;

    private final PrintStream progress;
    private final int perProcess;

    IdleConnectionsScenario(PrintStream progress, int perProcess) {
        this.progress = progress;
        this.perProcess = perProcess;
    }

    /**
     * @param protocol   {@code ws}, {@code tcp} or {@code mqtt}, as {@link IdleClients} takes it
     * @param serverPid  the process whose memory is measured
     * @param serverIsJvm whether to run a full GC before each reading
     */
    IdleResult run(String target, String protocol, int port, String userPrefix, int connections, long serverPid,
                   boolean serverIsJvm) throws IOException, InterruptedException {
        int processes = (connections + perProcess - 1) / perProcess;
        progress.printf("%n== %s: %,d idle connections from %d client processes%n", target, connections, processes);
        long heapBefore = heapUsedAfterGcKib(serverPid, serverIsJvm);
        long before = residentKib(serverPid);
        progress.printf("  server before: heap in use %,d KiB, resident %,d KiB%n", heapBefore, before);
        List<Process> children = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(processes);
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicInteger connected = new AtomicInteger();
        try {
            for (int p = 0; p < processes; p++) {
                int first = p * perProcess + 1;
                int count = Math.min(perProcess, connections - p * perProcess);
                Process child = start(protocol, port, userPrefix, first, count);
                children.add(child);
                watch(child, p + 1, ready, failure, connected);
                // one process logs in at a time: logins are not what this scenario measures
                long remaining = processes - p - 1;
                while (ready.getCount() > remaining && failure.get() == null && child.isAlive()) {
                    Thread.sleep(100);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(READY_TIMEOUT_MINUTES);
            while (!ready.await(10, TimeUnit.SECONDS)) {
                if (failure.get() != null || System.nanoTime() > deadline) {
                    break;
                }
                progress.printf("  ... %d of %d client processes ready%n", processes - ready.getCount(), processes);
            }
            if (failure.get() != null || ready.getCount() > 0) {
                throw new IOException(target + ": the idle connections did not all open: "
                        + (failure.get() != null ? failure.get() : "not within " + READY_TIMEOUT_MINUTES + " min"));
            }
            Thread.sleep(SETTLE_MILLIS);
            long heapAfter = heapUsedAfterGcKib(serverPid, serverIsJvm);
            long after = residentKib(serverPid);
            IdleResult result = new IdleResult(target, connected.get(), heapBefore, heapAfter, before, after);
            progress.printf("  all %,d open; server: heap in use %,d KiB, resident %,d KiB; %.1f KiB per connection%n",
                    result.connections(), heapAfter, after, result.kibPerConnection());
            return result;
        } finally {
            for (Process child : children) {
                child.getOutputStream().close();
            }
            for (Process child : children) {
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
            // let the server see the goodbyes before the next target logs the same users in
            Thread.sleep(SETTLE_MILLIS);
        }
    }

    private static Process start(String protocol, int port, String userPrefix, int first, int count) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(CHILD_JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(IdleClients.class.getName());
        command.addAll(List.of(protocol, "127.0.0.1", Integer.toString(port), userPrefix, Integer.toString(first),
                Integer.toString(count)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads a child's output: its READY line, or a failure. */
    private void watch(Process child, int number, CountDownLatch ready, AtomicReference<String> failure,
                       AtomicInteger connected) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(IdleClients.READY + " ")) {
                        connected.addAndGet(Integer.parseInt(line.substring(IdleClients.READY.length() + 1).trim()));
                        progress.printf("  client process %d: %s connections open%n", number, line.substring(6));
                        ready.countDown();
                    } else if (line.startsWith(IdleClients.FAILED)) {
                        failure.compareAndSet(null, "client process " + number + ": " + line);
                    }
                }
            } catch (IOException e) {
                failure.compareAndSet(null, "client process " + number + ": " + e);
            }
            if (ready.getCount() > 0 && !child.isAlive() && child.exitValue() != 0) {
                failure.compareAndSet(null, "client process " + number + " exited with " + child.exitValue());
            }
        }, "idle-clients-" + number);
        reader.setDaemon(true);
        reader.start();
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

    /** VmRSS of the process in KiB. */
    private static long residentKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }
}
