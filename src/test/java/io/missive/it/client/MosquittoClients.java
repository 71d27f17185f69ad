package io.missive.it.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto_pub and mosquitto_sub (package mosquitto-clients), installed with apt-get
 * when absent. When they cannot be had, the test fails with the reason; it is never skipped.
 */
public final class MosquittoClients {

    private static Path bin;

    private MosquittoClients() {
    }

    /** The directory of the two commands, installing them first if they are missing. */
    public static synchronized Path ensureInstalled() throws IOException, InterruptedException {
        if (bin != null) {
            return bin;
        }
        for (String dir : new String[]{"/usr/bin", "/usr/local/bin"}) {
            if (Files.isExecutable(Path.of(dir, "mosquitto_pub")) && Files.isExecutable(Path.of(dir, "mosquitto_sub"))) {
                bin = Path.of(dir);
                return bin;
            }
        }
        Result install = run(List.of("apt-get", "install", "-y", "mosquitto-clients"), 300);
        if (install.exit() != 0) {
            Result update = run(List.of("apt-get", "update"), 300);
            install = run(List.of("apt-get", "install", "-y", "mosquitto-clients"), 300);
            if (install.exit() != 0) {
                throw new AssertionError("mosquitto-clients is not installed and 'apt-get install -y mosquitto-clients'"
                        + " failed (exit " + install.exit() + "; it needs root and Debian's package sources)."
                        + " Install it by hand. apt-get update said:\n" + update.output() + "\ninstall said:\n"
                        + install.output());
            }
        }
        if (!Files.isExecutable(Path.of("/usr/bin/mosquitto_pub"))) {
            throw new AssertionError("apt-get installed mosquitto-clients but /usr/bin/mosquitto_pub is missing");
        }
        bin = Path.of("/usr/bin");
        return bin;
    }

    /** A finished command: its exit code and its output (stdout and stderr together). */
    public record Result(int exit, String output) {
    }

    /** Runs a command to its end, killing it after {@code timeoutSeconds}. */
    public static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, e.toString());
        }
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    + "\n(killed after " + timeoutSeconds + " s)");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Starts a command in the background; the caller waits for it. */
    public static Process start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        process.getOutputStream().close();
        return process;
    }
}
