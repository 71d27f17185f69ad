package io.missive.bench;

import io.missive.it.client.DebianPackages;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Eclipse Mosquitto, the peer: Debian's package (installed with apt-get when
 * {@value #EXECUTABLE} is missing), started on a loopback port with a generated configuration:
 * anonymous clients, no persistence (in-memory only, unlike Missive's PostgreSQL), and in-flight
 * and queue limits high enough that they are not what a step measures.
 */
final class MosquittoUnderTest implements AutoCloseable {

    static final String EXECUTABLE = "/usr/sbin/mosquitto";

    private final Process process;
    private final int port;
    private final String version;

    private MosquittoUnderTest(Process process, int port, String version) {
        this.process = process;
        this.port = port;
        this.version = version;
    }

    /**
     * @param maxInflight QoS 1 messages in flight to one subscriber: the same window Missive's clients get
     */
    static MosquittoUnderTest start(Path workDir, int port, int maxInflight, PrintStream progress) throws IOException {
        DebianPackages.ensureInstalled(List.of("mosquitto"), List.of(Path.of(EXECUTABLE)));
        // Debian starts the packaged service on 1883; the suite runs its own instance and leaves that one alone
        Files.createDirectories(workDir);
        Path config = workDir.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "# written by " + MosquittoUnderTest.class.getName() + " for one benchmark run",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "max_inflight_messages " + maxInflight,
                // far above what a step leaves queued, so that Mosquitto never drops a message here
                "max_queued_messages 1000000",
                "log_dest stdout",
                "log_type error",
                "log_type warning",
                "log_type notice",
                ""), StandardCharsets.UTF_8);
        Path log = workDir.resolve("mosquitto.log");
        progress.println("  starting Mosquitto on 127.0.0.1:" + port + " (config " + config + ") ...");
        Process process = new ProcessBuilder(EXECUTABLE, "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                break;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IOException("Mosquitto did not start on port " + port + ": " + Files.readString(log));
                }
                sleep(100);
            }
        }
        return new MosquittoUnderTest(process, port, readVersion());
    }

    private static String readVersion() {
        try {
            Process process = new ProcessBuilder(EXECUTABLE, "-h").redirectErrorStream(true).start();
            String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains("version")).findFirst().orElse("mosquitto (version unknown)");
            process.waitFor(5, TimeUnit.SECONDS);
            return first.trim();
        } catch (IOException e) {
            return "mosquitto (version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "mosquitto (version unknown)";
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Mosquitto");
        }
    }

    int port() {
        return port;
    }

    String version() {
        return version;
    }

    Stream<ProcessHandle> process() {
        return Stream.of(process.toHandle());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
