package io.missive.it.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External commands of the tests: run to their end, or started in the background. */
public final class Commands {

    private Commands() {
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
