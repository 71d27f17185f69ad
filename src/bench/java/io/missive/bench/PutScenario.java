package io.missive.bench;

import io.missive.it.client.DebianPackages;

import io.missive.bench.client.BenchAccount;
import io.missive.bench.client.ClientFactory;
import io.missive.bench.client.DeliveryListener;
import io.missive.bench.client.Destination;
import io.missive.bench.client.LoadMessage;
import io.missive.bench.client.MessagingClient;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 6 of issue 7: {@code POST /put} (seed 001's business push) with wrk (Debian's package) at
 * {@value #CONNECTIONS} connections, each request a 100-byte message to one channel. A push with no
 * subscriber is refused (NoSubErr) and one to an offline subscriber only stored, so one device
 * subscribes to the channel and stays online over the text push protocol, confirming every message:
 * each request is a commit and a delivery, the work a real push is. wrk is a closed loop (each
 * connection sends its next request when the answer came), so its latencies are those of a saturated
 * server, not of a fixed rate; its p99 is a request's, from its send to its answer.
 */
final class PutScenario {

    static final String WRK = "/usr/bin/wrk";
    static final int CONNECTIONS = 64;
    private static final int THREADS = 2;
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    /** wrk's rate line. */
    private static final String REQUESTS_PER_SECOND = "Requests/sec:\\s+([\\d.]+)";
    private static final long CHANNEL = 4242;
    private static final long DELIVERY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final PrintStream progress;
    private final CpuMeter cpuMeter;

    PutScenario(PrintStream progress, CpuMeter cpuMeter) {
        this.progress = progress;
        this.cpuMeter = cpuMeter;
    }

    /**
     * @param devices the text push protocol, which the subscribed device connects with
     * @param device  a registered device
     */
    PutResult run(String served, URI httpBase, String apiKey, ClientFactory devices, BenchAccount device, Duration duration,
                  Path workDir, JitActivity jit) throws IOException, InterruptedException {
        DebianPackages.ensureInstalled(List.of("wrk"), List.of(Path.of(WRK)));
        progress.printf("%n== Missive POST /put on %s: wrk, %d connections, %d s, a device subscribed over %s%n",
                served, CONNECTIONS, duration.toSeconds(), devices.name());
        Files.createDirectories(workDir);
        Path body = workDir.resolve("put-body.bin");
        Files.write(body, new LoadMessage(0, 0, 0, 0).toPayload(LoadMessage.DEFAULT_PAYLOAD_BYTES));
        Path script = workDir.resolve("put.lua");
        Files.writeString(script, String.join("\n",
                "-- written by " + PutScenario.class.getName(),
                "wrk.method = \"POST\"",
                "wrk.headers[\"Authorization\"] = \"Bearer " + apiKey + "\"",
                "wrk.headers[\"Content-Type\"] = \"application/octet-stream\"",
                "local file = io.open(\"" + body + "\", \"rb\")",
                "wrk.body = file:read(\"*a\")",
                "file:close()",
                ""), StandardCharsets.UTF_8);
        String url = httpBase.resolve("put?channel_id=" + CHANNEL + "&device_type=0").toString();
        Deliveries deliveries = new Deliveries();
        try (MessagingClient subscriber = devices.connect(device, List.of(new Destination.Group(CHANNEL, "put")), deliveries)) {
            // until the JIT calms down, as for the p2p steps: the HTTP stack is the largest code a target runs, and
            // after one round of 10 s its C2 compiler still took about a quarter of Missive's CPU
            jit.warmUp(round -> {
                String output = wrk(script, url, WARM_UP);
                awaitQuiet(deliveries);
                return group(output, REQUESTS_PER_SECOND) + " requests/s";
            }, WARM_UP.toSeconds() + " s", progress);
            long before = deliveries.count.get();
            CpuMeter.Snapshot cpuBefore = cpuMeter.snapshot();
            progress.printf("  measured run, %d s ...%n", duration.toSeconds());
            String output = wrk(script, url, duration);
            CpuShares cpu = cpuMeter.snapshot().since(cpuBefore);
            long requests = longOf(output, "(\\d+) requests in");
            long failed = longOf(output, "Non-2xx or 3xx responses: (\\d+)") + socketErrors(output);
            long deadline = System.nanoTime() + DELIVERY_TIMEOUT_NANOS;
            while (deliveries.count.get() - before < requests - failed && System.nanoTime() < deadline
                    && deliveries.error == null) {
                Thread.sleep(10);
            }
            PutResult result = new PutResult(served, CONNECTIONS, duration.toNanos() / 1e9, requests,
                    Double.parseDouble(group(output, REQUESTS_PER_SECOND)),
                    micros(group(output, "\\s50%\\s+([\\d.]+[mu]?s)")), micros(group(output, "\\s99%\\s+([\\d.]+[mu]?s)")),
                    failed, deliveries.count.get() - before, cpu);
            progress.printf("  %,.0f requests/s, p50 %s ms, p99 %s ms, %,d failed; the device received %,d of %,d%s  [%s]%n",
                    result.perSecond(), LatencyHistograms.millis(result.p50Micros()),
                    LatencyHistograms.millis(result.p99Micros()), failed, result.delivered(), requests - failed,
                    deliveries.error == null ? "" : " (" + deliveries.error + ")", cpu.summary());
            return result;
        }
    }

    /** Runs wrk, echoes its report as progress, returns it. */
    private String wrk(Path script, String url, Duration duration) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(WRK, "-t" + THREADS, "-c" + CONNECTIONS,
                "-d" + duration.toSeconds() + "s", "--latency", "-s", script.toString(), url));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IOException("wrk failed: " + output);
        }
        output.lines().forEach(line -> progress.println("    " + line));
        return output;
    }

    /** Lets the device catch up with what the warm-up put, so that the measured run starts from a quiet server. */
    private static void awaitQuiet(Deliveries deliveries) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT_NANOS;
        long seen = -1;
        while (deliveries.count.get() != seen && System.nanoTime() < deadline) {
            seen = deliveries.count.get();
            Thread.sleep(1000);
        }
    }

    private static long socketErrors(String output) {
        Matcher errors = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(output);
        long sum = 0;
        if (errors.find()) {
            for (int i = 1; i <= 4; i++) {
                sum += Long.parseLong(errors.group(i));
            }
        }
        return sum;
    }

    private static long longOf(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private static String group(String output, String regex) throws IOException {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        if (!matcher.find()) {
            throw new IOException("no " + regex + " in wrk's report:\n" + output);
        }
        return matcher.group(1);
    }

    /** wrk's "635.91us", "1.20ms", "2.01s" in microseconds. */
    static long micros(String value) {
        if (value.endsWith("us")) {
            return Math.round(Double.parseDouble(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("ms")) {
            return Math.round(Double.parseDouble(value.substring(0, value.length() - 2)) * 1_000);
        }
        return Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1_000_000);
    }

    /** What the subscribed device receives. */
    private static final class Deliveries implements DeliveryListener {
        final AtomicLong count = new AtomicLong();
        volatile String error;

        @Override
        public void acknowledged(LoadMessage message, long nanoTime) {
            // the device publishes nothing
        }

        @Override
        public void received(LoadMessage message, long nanoTime) {
            count.incrementAndGet();
        }

        @Override
        public void failed(String what) {
            if (error == null) {
                error = what;
            }
        }
    }
}
