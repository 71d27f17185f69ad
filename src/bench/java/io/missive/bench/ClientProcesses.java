package io.missive.bench;

import io.missive.bench.client.Destination;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Connections held by client JVMs ({@link ClientProcess}), at most {@code perProcess} in each: this
 * machine allows about 20,000 open files per process. The processes log in one after the other
 * (logins are not what the scenarios measure); {@link #open} returns once all of them hold their
 * connections.
 */
final class ClientProcesses implements AutoCloseable {

    private static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final long READY_TIMEOUT_MINUTES = 15;

    private final List<Process> children = new ArrayList<>();
    private final AtomicInteger connected = new AtomicInteger();

    private ClientProcesses() {
    }

    /**
     * @param protocol   {@code ws}, {@code tcp} or {@code mqtt}, as {@link ClientProcess} takes it
     * @param ports      the servers' ports on 127.0.0.1: connection {@code i} goes to {@code ports[i % ports.size()]},
     *                   so that the nodes of a cluster get as many each
     * @param group      the group every member receives, or null for connections that only idle
     * @param lines      gets every other line a process prints, with the process's number (from 0)
     */
    static ClientProcesses open(String target, String protocol, List<Integer> ports, String userPrefix, int connections,
                                int perProcess, Destination.Group group, BiConsumer<Integer, String> lines,
                                PrintStream progress) throws IOException, InterruptedException {
        int processes = (connections + perProcess - 1) / perProcess;
        ClientProcesses opened = new ClientProcesses();
        CountDownLatch ready = new CountDownLatch(processes);
        AtomicReference<String> failure = new AtomicReference<>();
        try {
            for (int p = 0; p < processes; p++) {
                int first = p * perProcess + 1;
                int count = Math.min(perProcess, connections - p * perProcess);
                Process child = start(protocol, ports, userPrefix, first, count, group);
                opened.children.add(child);
                opened.watch(child, p, ready, failure, lines, progress);
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
                throw new IOException(target + ": the connections did not all open: "
                        + (failure.get() != null ? failure.get() : "not within " + READY_TIMEOUT_MINUTES + " min"));
            }
            return opened;
        } catch (IOException | InterruptedException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** Connections the processes hold. */
    int connected() {
        return connected.get();
    }

    int processes() {
        return children.size();
    }

    /** Sends one line to every process. */
    void tell(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        for (Process child : children) {
            OutputStream in = child.getOutputStream();
            in.write(bytes);
            in.flush();
        }
    }

    /** Closes the processes' input, which makes them disconnect and exit, and waits for them. */
    @Override
    public void close() throws InterruptedException {
        for (Process child : children) {
            try {
                child.getOutputStream().close();
            } catch (IOException e) {
                // the process is gone already
            }
        }
        for (Process child : children) {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    private static Process start(String protocol, List<Integer> ports, String userPrefix, int first, int count,
                                 Destination.Group group) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(CHILD_JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClientProcess.class.getName());
        command.addAll(List.of(protocol, "127.0.0.1", String.join(",", ports.stream().map(String::valueOf).toList()),
                userPrefix, Integer.toString(first),
                Integer.toString(count)));
        if (group != null) {
            command.addAll(List.of(Long.toString(group.id()), group.name()));
        }
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads a child's output: its READY line, a failure, or a line for the scenario. */
    private void watch(Process child, int number, CountDownLatch ready, AtomicReference<String> failure,
                       BiConsumer<Integer, String> lines, PrintStream progress) {
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.startsWith(ClientProcess.READY + " ")) {
                        String count = line.substring(ClientProcess.READY.length() + 1).trim();
                        connected.addAndGet(Integer.parseInt(count));
                        progress.printf("  client process %d: %,d connections open%n", number + 1, Integer.parseInt(count));
                        ready.countDown();
                    } else if (line.startsWith(ClientProcess.FAILED)) {
                        failure.compareAndSet(null, "client process " + (number + 1) + ": " + line);
                        progress.println("  client process " + (number + 1) + ": " + line);
                    } else {
                        lines.accept(number, line);
                    }
                }
            } catch (IOException e) {
                failure.compareAndSet(null, "client process " + (number + 1) + ": " + e);
            }
            if (ready.getCount() > 0 && !child.isAlive() && child.exitValue() != 0) {
                failure.compareAndSet(null, "client process " + (number + 1) + " exited with " + child.exitValue());
            }
        }, "client-process-" + (number + 1));
        reader.setDaemon(true);
        reader.start();
    }
}
