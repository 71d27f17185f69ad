package io.missive.launch;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running application server, Payara Micro or WildFly: its output goes to a log file (without
 * colour codes) and, optionally, to the console; the log is watched for the "ready" line and for
 * error records (SEVERE on Payara, ERROR on WildFly), as each {@link Kind} writes them.
 *
 * <p>Payara Micro prints "ready" even when the deployment failed, and WildFly is ready before
 * anything is deployed, so callers check {@link #severeRecords()} (and that the application
 * answers) after {@link #awaitReady} and after deploying.
 */
public final class ServerProcess implements AutoCloseable {

    /** How a server's log shows a record's start and level, its error level and its "ready" line. */
    public enum Kind {
        /** "[2025-11-21T23:55:11.354+0000] [] [SEVERE] [...] ...", "Payara Micro ... ready in 9,876 (ms)". */
        PAYARA_MICRO("Payara Micro", "^\\[\\d{4}-\\d\\d-\\d\\dT[^]]*] \\[[^]]*] \\[(\\w+)]", "SEVERE",
                "Payara Micro .* ready in ([\\d,.]+) \\(ms\\)"),
        /** "12:06:01,123 ERROR [category] (thread) ...", "WFLYSRV0025: WildFly ... started in 5123ms". */
        WILDFLY("WildFly", "^\\d\\d:\\d\\d:\\d\\d,\\d{3} (\\w+) ", "ERROR",
                "WFLYSRV002[56]: .* started .*in (\\d+)ms");

        final String title;
        final Pattern recordStart;
        final String errorLevel;
        final Pattern ready;

        Kind(String title, String recordStart, String errorLevel, String ready) {
            this.title = title;
            this.recordStart = Pattern.compile(recordStart);
            this.errorLevel = errorLevel;
            this.ready = Pattern.compile(ready);
        }
    }

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final int TAIL_LINES = 300;
    private static final int MAX_RECORD_LINES = 80;

    private final Kind kind;
    private final Process process;
    private final Path logFile;
    private final Thread pump;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final List<String> severe = new CopyOnWriteArrayList<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final StringBuilder bootLog = new StringBuilder();
    private volatile String readyLine;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    // record being read, touched by the pump thread only
    private final List<String> record = new ArrayList<>();
    private String recordLevel;

    private ServerProcess(Kind kind, Process process, Path logFile, PrintStream echo) throws IOException {
        this.kind = kind;
        this.process = process;
        this.logFile = logFile;
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        this.pump = new Thread(() -> pump(log, echo), "payara-micro-log");
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /** Starts Payara Micro with {@code command} (see {@link PayaraMicroCommand#build()}). */
    public static ServerProcess start(List<String> command, Path logFile, PrintStream echo) throws IOException {
        return start(Kind.PAYARA_MICRO, new ProcessBuilder(command), logFile, echo);
    }

    /** Starts a server of {@code kind} (WildFly: see {@link WildFlyServer}). */
    public static ServerProcess start(Kind kind, ProcessBuilder builder, Path logFile, PrintStream echo)
            throws IOException {
        Process process = builder
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        return new ServerProcess(kind, process, logFile, echo);
    }

    private void pump(BufferedWriter log, PrintStream echo) {
        try (log; BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String raw;
            while ((raw = in.readLine()) != null) {
                String line = ANSI.matcher(raw).replaceAll("");
                log.write(line);
                log.newLine();
                log.flush();
                if (echo != null) {
                    echo.println(raw);
                }
                consume(line);
            }
        } catch (IOException e) {
            synchronized (tail) {
                tail.addLast("[log reader failed: " + e + "]");
            }
        } finally {
            finishRecord();
        }
    }

    private void consume(String line) {
        synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
        if (line.startsWith(RedeployConsole.ANSWER)) {
            answers.add(line.substring(RedeployConsole.ANSWER.length()).trim());
        }
        if (readyLine == null) {
            synchronized (bootLog) {
                bootLog.append(line).append('\n');
            }
        }
        Matcher start = kind.recordStart.matcher(line);
        if (start.find()) {
            finishRecord();
            recordLevel = start.group(1);
        } else if (line.isBlank()) {
            finishRecord();
            return;
        }
        if (recordLevel != null && record.size() < MAX_RECORD_LINES) {
            record.add(line);
        }
        if (readyLine == null && kind.ready.matcher(line).find()) {
            finishRecord();
            readyLine = line;
            ready.countDown();
        }
    }

    private void finishRecord() {
        if (kind.errorLevel.equals(recordLevel) && !record.isEmpty()) {
            severe.add(String.join("\n", record));
        }
        record.clear();
        recordLevel = null;
    }

    /**
     * Waits for Payara Micro's "ready" line; fails with the end of the log if the process ends or
     * the time is up first. Returns the boot time Payara Micro reported, in milliseconds.
     */
    public long awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!ready.await(200, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive()) {
                    pump.join(5_000);
                    if (readyLine != null) {
                        break;
                    }
                    throw new IOException(kind.title + " exited with code " + process.exitValue()
                            + " before it was ready. End of " + logFile + ":\n" + tail(60));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(kind.title + " was not ready within " + timeout.toSeconds()
                            + " s. End of " + logFile + ":\n" + tail(60));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for " + kind.title, e);
        }
        Matcher matcher = kind.ready.matcher(readyLine);
        return matcher.find() ? Long.parseLong(matcher.group(1).replaceAll("[,.]", "")) : -1;
    }

    /**
     * Sends a command to a Payara Micro started through {@link RedeployConsole} and returns its
     * answer; fails when none comes within {@code timeout}.
     */
    public String command(String command, Duration timeout) throws IOException {
        answers.clear();
        process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        try {
            String answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null) {
                throw new IOException("No answer to '" + command + "' within " + timeout.toSeconds() + " s. End of "
                        + logFile + ":\n" + tail(60));
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for " + kind.title, e);
        }
    }

    /** The error records (SEVERE, ERROR) logged so far, each with its continuation lines. */
    public List<String> severeRecords() {
        return List.copyOf(severe);
    }

    /** Everything logged up to the "ready" line (the whole log so far while not ready). */
    public String bootLog() {
        synchronized (bootLog) {
            return bootLog.toString();
        }
    }

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        synchronized (tail) {
            List<String> all = new ArrayList<>(tail);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the server ends by itself; returns its exit code. */
    public int waitFor() throws InterruptedException {
        int exit = process.waitFor();
        pump.join(5_000);
        return exit;
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}) with the system's kill command: SIGSTOP freezes the server. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL, as a crash: no shutdown hook runs, nothing is undeployed. Waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Stops the server: SIGTERM (it undeploys and shuts down in its own shutdown hook), then,
     * after {@code grace}, SIGKILL to it and anything it started.
     */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            pump.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }
}
