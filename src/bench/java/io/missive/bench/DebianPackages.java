package io.missive.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The suite's outside programs (Mosquitto, wrk) come from Debian's packages, installed with apt-get when missing. */
final class DebianPackages {

    private DebianPackages() {
    }

    /** Installs {@code debianPackage} unless {@code executable} is there already. */
    static void ensureInstalled(String executable, String debianPackage, PrintStream progress) throws IOException {
        if (Files.isExecutable(Path.of(executable))) {
            return;
        }
        progress.println("  " + executable + " is missing: installing Debian's package " + debianPackage + " with apt-get ...");
        if (run("apt-get", "install", "-y", debianPackage) != 0) {
            // the package lists may be missing or stale on a fresh machine
            run("apt-get", "update");
            if (run("apt-get", "install", "-y", debianPackage) != 0) {
                throw new IOException("apt-get install " + debianPackage + " failed; install it by hand (as root) and run again");
            }
        }
    }

    private static int run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("interrupted: " + String.join(" ", command));
        }
    }
}
