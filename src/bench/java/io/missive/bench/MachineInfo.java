package io.missive.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The machine and software a run measured, as every figure must carry it. */
record MachineInfo(int cores, String cpuModel, long memoryBytes, String jdk, String os, String loadAverageAtStart,
                   String writeback, String date, String commit) {

    /**
     * The kernel's settings for writing dirty pages back. PostgreSQL adds each new page of a table through
     * the page cache, and these settings decide when and in what bursts they reach the disk that the commits
     * flush to (docs/benchmarks.md), so a run's figures belong with them.
     */
    private static final List<String> WRITEBACK_SETTINGS = List.of("dirty_expire_centisecs",
            "dirty_writeback_centisecs", "dirty_background_ratio", "dirty_background_bytes");

    static MachineInfo read() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
                procLine("/proc/meminfo", "MemTotal").map(MachineInfo::kilobytes).orElse(-1L),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                procLine("/etc/os-release", "PRETTY_NAME").map(v -> v.replace("\"", ""))
                        .orElse(System.getProperty("os.name")) + ", kernel " + System.getProperty("os.version"),
                read("/proc/loadavg").map(l -> String.join(" ", List.of(l.trim().split("\\s+")).subList(0, 3))).orElse("unknown"),
                readWriteback(),
                ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")),
                gitCommit());
    }

    /** The 1-minute load average when the run started. */
    double loadAverage1() {
        try {
            return Double.parseDouble(loadAverageAtStart.split(" ")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    String memory() {
        return memoryBytes < 0 ? "unknown" : String.format("%.1f GiB", memoryBytes / (1024.0 * 1024 * 1024));
    }

    /** One line for progress output and chart captions. */
    String oneLine() {
        return cores + " cores " + cpuModel + ", " + memory() + " RAM, " + jdk + ", " + os + "; " + date;
    }

    /** The writeback settings as {@code vm.name=value}, comma-separated; "unknown" where /proc/sys cannot be read. */
    private static String readWriteback() {
        List<String> settings = WRITEBACK_SETTINGS.stream()
                .flatMap(name -> read("/proc/sys/vm/" + name).map(v -> "vm." + name + "=" + v.trim()).stream())
                .toList();
        return settings.isEmpty() ? "unknown" : String.join(", ", settings);
    }

    private static Optional<String> procLine(String file, String key) {
        return read(file).flatMap(text -> text.lines()
                .filter(line -> line.startsWith(key))
                .map(line -> line.substring(line.indexOf(line.contains(":") ? ':' : '=') + 1).trim())
                .findFirst());
    }

    private static long kilobytes(String value) {
        return Long.parseLong(value.replaceAll("[^0-9]", "")) * 1024;
    }

    /**
     * A file's text, read through a stream: a file of /proc/sys gives nothing to a read that does not start
     * at its beginning, and {@link Files#readString}, which sees such a file's size of 0, reads one byte first.
     */
    private static Optional<String> read(String file) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The commit measured, marked when the working tree has changes. */
    private static String gitCommit() {
        Optional<String> head = run("git", "rev-parse", "--short=12", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        boolean dirty = run("git", "status", "--porcelain", "--untracked-files=no", "--", "src/main", "pom.xml")
                .map(s -> !s.isBlank()).orElse(false);
        return head.get() + (dirty ? " (with uncommitted changes to src/main or pom.xml)" : "");
    }

    private static Optional<String> run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
