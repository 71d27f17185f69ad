package io.missive.it.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian packages a test needs, installed with apt-get when their executables are missing. When they
 * cannot be had, the test fails with the reason; it is never skipped.
 */
public final class DebianPackages {

    private DebianPackages() {
    }

    /**
     * Installs {@code packages} unless every one of {@code executables} is there already. Used by
     * the tests (chromium, mosquitto-clients) and the benchmark suite (mosquitto, wrk).
     */
    public static synchronized void ensureInstalled(List<String> packages, List<Path> executables) throws IOException {
        if (executables.stream().allMatch(Files::isExecutable)) {
            return;
        }
        try {
            install(packages, executables);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while installing " + packages);
        }
    }

    private static void install(List<String> packages, List<Path> executables) throws IOException, InterruptedException {
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
        install.addAll(packages);
        Commands.Result installed = Commands.run(install, 600);
        if (installed.exit() != 0) {
            // the package lists may be missing or stale on a fresh machine
            Commands.Result update = Commands.run(List.of("apt-get", "update"), 300);
            installed = Commands.run(install, 600);
            if (installed.exit() != 0) {
                throw new AssertionError(packages + " not installed and '" + String.join(" ", install) + "' failed (exit "
                        + installed.exit() + "; it needs root and Debian's package sources). Install them by hand."
                        + " apt-get update said:\n" + update.output() + "\ninstall said:\n" + installed.output());
            }
        }
        for (Path executable : executables) {
            if (!Files.isExecutable(executable)) {
                throw new AssertionError("apt-get installed " + packages + " but " + executable + " is missing");
            }
        }
    }
}
