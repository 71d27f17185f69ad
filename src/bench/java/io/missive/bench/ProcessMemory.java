package io.missive.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server process's memory as the idle-connections and soak scenarios read it. */
final class ProcessMemory {

    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private ProcessMemory() {
    }

    /** The JVM's heap in use after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), in KiB. */
    static long heapUsedAfterGcKib(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Thread.sleep(500);
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IOException("no heap use in jcmd " + pid + " GC.heap_info");
        }
        return Long.parseLong(used.group(1));
    }

    /** VmRSS of the process in KiB. */
    static long residentKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
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
