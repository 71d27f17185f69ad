package io.missive.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Writes docs/benchmarks.md from a run's results: the hand-written introduction, then everything measured. */
final class BenchmarkReport {

    /** A 1-minute load average above this at the start of the commit-feed gate means others were using the machine. */
    static final double BUSY_LOAD = 0.5;
    /** Other processes using more than this many cores during a step make its figures doubtful. */
    private static final double BUSY_OTHERS = 0.25;

    private final BenchOptions options;
    private final MachineInfo machine;
    private final RunSetup setup;
    private final StringBuilder out = new StringBuilder();

    /**
     * What was measured with what, for the report's first table.
     *
     * @param databaseSettings Missive's PostgreSQL durability settings as the server reported them
     *                         ({@code fsync=on, synchronous_commit=on, full_page_writes=on})
     */
    record RunSetup(String command, String missive, String mosquitto, String loadGenerator, String databaseSettings) {
    }

    BenchmarkReport(BenchOptions options, MachineInfo machine, RunSetup setup) {
        this.options = options;
        this.machine = machine;
        this.setup = setup;
    }

    /**
     * @param commitFloor PostgreSQL alone, by rows per commit; empty when it did not run
     * @param put  the {@code /put} runs, one per HTTP stack; empty when they did not run
     * @param loginFlood the login flood, null when it did not run
     * @param soak the soak, null when it did not run
     */
    void write(Path file, Path introduction, List<P2pResult> p2p, List<CommitFloorResult> commitFloor,
               List<FanOutResult> fanOut, List<DrainResult> drain,
               List<IdleResult> idle, List<PutResult> put, LoginFloodResult loginFlood, SoakResult soak, Map<String, String> charts)
            throws IOException {
        out.append("<!-- written by io.missive.bench.BenchmarkSuite; see src/bench/benchmarks-intro.md -->\n\n");
        out.append(Files.readString(introduction, StandardCharsets.UTF_8).trim()).append("\n\n");
        run(p2p, fanOut);
        out.append(GoalsReport.section(p2p, fanOut, drain, idle, put));
        out.append(CostReport.section(p2p, charts.get("cost"), options));
        out.append(CommitFloorReport.section(commitFloor, p2p, options.pairs()));
        throughput(p2p, charts);
        latency(p2p, charts);
        mqtt(p2p);
        fanOut(fanOut, charts);
        drain(drain);
        idle(idle);
        put(put);
        String earlier = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        // an hour's soak runs only when named: a run without it keeps the last one's section
        out.append(LoginFloodReport.section(loginFlood));
        out.append(soak != null ? SoakReport.section(soak) : kept(earlier, SoakReport.HEADING));
        notRun();
        notes(p2p);
        // the cluster scenario's section is written by its own run: keep it
        String cluster = kept(earlier, ClusterReport.HEADING);
        if (!cluster.isEmpty()) {
            out.append('\n').append(cluster);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    /** A section of the earlier report, ending in a blank line; empty when it has none. */
    private static String kept(String earlier, String heading) {
        return MarkdownSections.find(earlier, heading).map(section -> section.stripTrailing() + "\n\n").orElse("");
    }

    private void run(List<P2pResult> p2p, List<FanOutResult> fanOut) {
        out.append("## This run\n\n");
        out.append("| | |\n| --- | --- |\n");
        row("command", "`" + setup.command() + "`");
        row("date", machine.date());
        row("commit", machine.commit());
        row("machine", machine.cores() + " cores, " + machine.cpuModel() + ", " + machine.memory() + " RAM");
        row("JDK, OS", machine.jdk() + "; " + machine.os());
        row("load average at start", machine.loadAverageAtStart() + " (1, 5, 15 min)");
        row("kernel writeback", machine.writeback());
        row("Missive", setup.missive());
        row("Mosquitto", setup.mosquitto());
        row("load generator", setup.loadGenerator());
        out.append('\n');
        double othersMax = p2p.stream().flatMap(r -> steps(r).stream())
                .mapToDouble(s -> Double.isNaN(s.cpu().others()) ? 0 : s.cpu().others()).max().orElse(0);
        // not the load average at the start: the suite's own build (Maven, javac) has just raised it
        if (othersMax > BUSY_OTHERS) {
            out.append(String.format("> **The machine was shared during this run.** The load average was %s at the start;"
                            + " during the busiest step other processes used %.2f cores (of %d). The figures below are"
                            + " lower and noisier than a quiet machine would give: run the suite again on one.%n%n",
                    machine.loadAverageAtStart(), othersMax, machine.cores()));
        }
        if (options.quick()) {
            out.append("> **Quick run** (`-Dbench.quick=true`): short steps and a coarse ramp, for development;"
                    + " the figures are rough.\n\n");
        }
    }

    private void throughput(List<P2pResult> p2p, Map<String, String> charts) {
        if (p2p.stream().allMatch(r -> r.ramp().isEmpty())) {
            return;
        }
        out.append("## 1. p2p throughput\n\n");
        out.append(String.format("%d publisher/subscriber pairs per target (%d connections), a window of %,d publishes"
                        + " per publisher, %d s per step. The best rate that passed is then held for %d s, as long as"
                        + " the latency run at half of it; if it does not hold, the next lower one is, until one"
                        + " does: that one is the highest sustained rate.%n%n", options.pairs(), options.pairs() * 2,
                options.window(), options.stepDuration().toSeconds(), options.latencyDuration().toSeconds()));
        out.append("| target | acknowledgement means | highest sustained rate | steps |\n| --- | --- | --- | --- |\n");
        for (P2pResult result : p2p) {
            if (!result.ramp().isEmpty()) {
                out.append(String.format("| %s | %s | %s | %d |%n", result.target(), meaning(result), rate(result),
                        result.ramp().size()));
            }
        }
        out.append('\n');
        image(charts, "ramp", "p99 latency by offered rate");
        image(charts, "max", "highest sustained rate");
        for (P2pResult result : p2p) {
            if (result.ramp().isEmpty()) {
                continue;
            }
            out.append("### ").append(result.target()).append(": the ramp\n\n");
            out.append(stepTable(result, result.ramp()));
        }
    }

    private void latency(List<P2pResult> p2p, Map<String, String> charts) {
        if (p2p.stream().allMatch(r -> r.latency() == null)) {
            return;
        }
        out.append("## 2. p2p latency at half the maximum\n\n");
        out.append(String.format("%d s at half of each target's highest sustained rate (or at `bench.latency-rate` when"
                + " the ramp did not run); latency from the intended send time to the arrival.%n%n",
                options.latencyDuration().toSeconds()));
        out.append("| target | rate, msg/s | messages | p50 ms | p99 ms | p99.9 ms | max ms | ack p99 ms |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (P2pResult result : p2p) {
            StepResult l = result.latency();
            if (l != null) {
                out.append(String.format("| %s | %,.0f | %,d | %s | %s | %s | %s | %s |%n", result.target(), l.offeredRate(),
                        l.received(), LatencyHistograms.millis(l.p50()), LatencyHistograms.millis(l.p99()),
                        LatencyHistograms.millis(l.p999()), LatencyHistograms.millis(l.max()), ackP99(result, l)));
            }
        }
        out.append('\n');
        for (P2pResult result : p2p) {
            if (result.latency() != null) {
                out.append(String.format("- %s: %s; average %s.%n", result.target(), result.latency().verdict(),
                        result.latency().cpu().summary()));
            }
        }
        out.append('\n');
        image(charts, "latency", "latency by percentile");
    }

    /** MQTT against both servers, side by side, at each QoS: the figures of sections 1 and 2 in one table. */
    private void mqtt(List<P2pResult> p2p) {
        List<String[]> rows = new ArrayList<>();
        for (int qos = 0; qos <= 1; qos++) {
            int q = qos;
            Optional<P2pResult> missive = p2p.stream().filter(r -> r.target().equals("Missive MQTT QoS " + q)).findFirst();
            Optional<P2pResult> peer = mosquitto(p2p, qos);
            if (missive.isEmpty() || peer.isEmpty()) {
                continue;
            }
            P2pResult m = missive.get();
            P2pResult p = peer.get();
            boolean ramps = !m.ramp().isEmpty() && !p.ramp().isEmpty();
            boolean latencies = m.latency() != null && p.latency() != null;
            rows.add(new String[]{"QoS " + qos,
                    ramps ? rate(m) : "", ramps ? rate(p) : "", ramps ? ratio(m.maxSustained(), p.maxSustained()) : "",
                    latencies ? percentiles(m.latency()) : "", latencies ? percentiles(p.latency()) : "",
                    latencies ? ratio(m.latency().p99(), p.latency().p99()) : ""});
        }
        if (rows.isEmpty()) {
            return;
        }
        out.append("## MQTT side by side\n\n");
        out.append(String.format("The same MQTT load against both servers (%s, %d publisher/subscriber pairs, 100-byte"
                + " payloads, every subscriber on its own topic `bench/u/<name>`): Missive's MQTT listener with logged-in"
                + " users (topic rules `%s`), Mosquitto with anonymous clients. At QoS 1 Missive's PUBACK means the"
                + " message is committed to PostgreSQL, Mosquitto's that it is in memory. Latency at half of each"
                + " target's own maximum.%n%n", options.mqttClient().equals("paho") ? "Eclipse Paho" : "HiveMQ's client",
                options.pairs(), MissiveUnderTest.MQTT_TOPIC_RULES));
        out.append("| QoS | Missive msg/s | Mosquitto msg/s | ratio | Missive p50 / p99 / p99.9 ms | Mosquitto p50 / p99 / p99.9 ms"
                + " | p99 ratio |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (String[] row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        out.append('\n');
    }

    private static String percentiles(StepResult step) {
        return String.format("%s / %s / %s at %,.0f msg/s", LatencyHistograms.millis(step.p50()),
                LatencyHistograms.millis(step.p99()), LatencyHistograms.millis(step.p999()), step.offeredRate());
    }

    private void fanOut(List<FanOutResult> results, Map<String, String> charts) {
        if (results.isEmpty()) {
            return;
        }
        out.append("## 3. Group fan-out\n\n");
        out.append(String.format("Every member of one group online; one more member publishes one 100-byte message;"
                + " the time runs from the publish to the arrival at the last member. Rounds 1 s apart. The members"
                + " are held by client JVMs of at most %,d connections each, the publisher by the suite's JVM; the"
                + " processes stamp the publish and each arrival with `System.nanoTime()` plus an offset to the"
                + " wall clock that each JVM measures once at start (to the microsecond), so the times are on one"
                + " time line although `nanoTime` has an origin of its own in each JVM. Missive: GROUP_PUBLISH over"
                + " the binary protocol on TCP, the members on binary/tcp too (the leanest connections of the load"
                + " generator), each acknowledging the push. Mosquitto: one topic every member subscribes to at"
                + " QoS 1, published at QoS 1.%n%n", options.clientsPerProcess()));
        out.append("| target | members | rounds | median to half | median to last | worst to last |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        for (FanOutResult result : results) {
            out.append(String.format("| %s | %,d | %d | %s ms | %s ms | %s |%n", result.target(), result.members(),
                    result.roundsToLastMicros().size(), millisOrNone(result.medianToHalf()),
                    millisOrNone(result.medianToLast()), worst(result)));
        }
        out.append('\n');
        image(charts, "fan-out", "fan-out");
    }

    static String worst(FanOutResult result) {
        return result.worstToLast() < 0 ? "a round did not complete" : LatencyHistograms.millis(result.worstToLast()) + " ms";
    }

    private void drain(List<DrainResult> results) {
        if (results.isEmpty()) {
            return;
        }
        out.append("## 4. Offline drain\n\n");
        out.append(String.format("%s 100-byte messages published to a user who is offline, each acknowledged (Missive:"
                + " committed), then the user connects; the time runs from the start of the CONNECT to the arrival of the"
                + " last message, the client acknowledging each as it arrives. Each round has a fresh user, who logged in"
                + " once before. Missive: published over binary/ws. Mosquitto: HiveMQ's client, a persistent session"
                + " (clean session false) subscribed at QoS 1, published at QoS 1, in the broker's memory.%n%n",
                results.stream().map(r -> String.format("%,d", r.messages())).distinct()
                        .collect(Collectors.joining(" or "))));
        out.append("| target | messages | rounds | median to the last | worst |\n| --- | --- | --- | --- | --- |\n");
        for (DrainResult result : results) {
            out.append(String.format("| %s | %,d | %d | %s ms | %s |%n", result.target(), result.messages(),
                    result.roundsMicros().size(), millisOrNone(result.median()),
                    result.worst() < 0 ? "a round did not complete" : LatencyHistograms.millis(result.worst()) + " ms"));
        }
        out.append('\n');
    }

    private void idle(List<IdleResult> results) {
        if (results.isEmpty()) {
            return;
        }
        out.append("## 5. Idle connections\n\n");
        out.append(String.format("%,d connections logged in and idle, opened from client JVMs of at most %,d connections"
                + " each (this machine allows about 20,000 open files per process). Missive: the Java heap in use after a"
                + " full GC (`jcmd <pid> GC.run`, then `GC.heap_info`) plus the resident memory (VmRSS of"
                + " /proc/<pid>/status), before and with all of them open. This Missive is one of its own, on a fresh"
                + " database, with JVM options `" + String.join(" ", MissiveUnderTest.IDLE_JVM_OPTIONS) + "`: its 2 GiB"
                + " heap is touched in full at start, so the resident size moves only with memory outside the heap (thread"
                + " stacks, socket and I/O buffers). Missive over binary/ws, binary/tcp, msgd (each client a member of"
                + " the group it joins), FishChat (each client a member of the topic whose `JOIN_TOPIC` answer confirms"
                + " its login) and MQTT (clean session, one subscription each), the same users one protocol after the"
                + " other. Mosquitto: one of its own too, freshly started (the one of the other scenarios keeps what a"
                + " drain took), its resident memory with the same number of MQTT connections. The server's CPU"
                + " while idle is read over %d s before the connections and %d s with all of them open (after the memory"
                + " readings): what holding them costs, the server's timers and the protocols' keep-alives.%n%n",
                results.get(0).connections(), options.clientsPerProcess(), IdleConnectionsScenario.CPU_MILLIS / 1000,
                IdleConnectionsScenario.CPU_MILLIS / 1000));
        out.append("| target | connections | heap in use before / with all open | resident before / with all open | per connection"
                + " | server CPU before / with all open |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        for (IdleResult result : results) {
            out.append(String.format("| %s | %,d | %s | %,d / %,d KiB | %.1f KiB | %.2f%% / %.2f%% of a core |%n", result.target(),
                    result.connections(),
                    result.heapBeforeKib() == 0 && result.heapAfterKib() == 0 ? "(not a JVM)"
                            : String.format("%,d / %,d KiB", result.heapBeforeKib(), result.heapAfterKib()),
                    result.rssBeforeKib(), result.rssAfterKib(), result.kibPerConnection(), 100 * result.coresBefore(),
                    100 * result.coresWith()));
        }
        out.append('\n');
    }

    private void put(List<PutResult> runs) {
        if (runs.isEmpty()) {
            return;
        }
        PutResult put = runs.get(0);
        out.append("## 6. `/put` over HTTP\n\n");
        out.append(String.format("wrk (Debian's package) with %d connections on 2 threads for %.0f s (after warm-up rounds"
                + " of 10 s, not counted, until the JIT compiles less than %d ms in one, as for the p2p steps), each"
                + " request `POST /put?channel_id=…` with a 100-byte body and the API key."
                + " One push device subscribes to the channel over the text push protocol and stays online, confirming"
                + " every message with FIN: a push with no subscriber is refused (NoSubErr) and one to an offline"
                + " subscriber only stored, so each request here is what a real push is, a commit to PostgreSQL and a"
                + " delivery. The answer comes once the message is committed. wrk is a closed loop (each connection"
                + " sends its next request when the answer came), so its latencies are those of a saturated server,"
                + " not of a fixed rate. wrk leaves the requests in flight when it stops out of its count; the server"
                + " still stores and delivers them, so the device may receive up to %d more than wrk counted. wrk is among"
                + " the other processes in the cores used. No peer: Mosquitto has no HTTP interface. The same run is made"
                + " against the container's HTTP port and against the connector's `put` listener (Netty, on a port of its"
                + " own), one after the other.%n%n",
                put.connections(), put.seconds(), JitActivity.CALM_COMPILE_MILLIS, put.connections()));
        out.append("| served by | connections | requests | requests/s | p50 ms | p99 ms | failed | delivered to the device"
                + " | cores used |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (PutResult run : runs) {
            out.append(String.format("| %s | %d | %,d | %,.0f | %s | %s | %,d | %,d | %s |%n", run.served(), run.connections(),
                    run.requests(), run.perSecond(), LatencyHistograms.millis(run.p50Micros()),
                    LatencyHistograms.millis(run.p99Micros()), run.failed(), run.delivered(),
                    run.cpu().summary().replace("cores used: ", "")));
        }
        out.append('\n');
    }

    private void notRun() {
        List<String> missing = BenchOptions.ALL.stream().filter(s -> !options.runs(s)).toList();
        List<String> targets = BenchOptions.ALL_P2P_TARGETS.stream().filter(t -> !options.drivesP2p(t)).toList();
        if (missing.isEmpty() && targets.isEmpty()) {
            return;
        }
        out.append("## Not measured in this run\n\n");
        if (!missing.isEmpty()) {
            out.append("- Scenarios: ").append(String.join(", ", missing)).append(" (`bench.scenarios`).\n");
        }
        if (!targets.isEmpty()) {
            out.append("- p2p targets: ").append(String.join(", ", targets)).append(" (`bench.p2p-targets`).\n");
        }
        out.append('\n');
    }

    private void notes(List<P2pResult> p2p) {
        out.append("## Notes\n\n");
        out.append(String.format("- Everything shares the same %d cores: the load generator, Payara Micro, PostgreSQL and"
                + " Mosquitto. The step tables give the cores each used, so the cost of the load generator shows;"
                + " a figure here is what this machine does with its own load generator on it, not what a server"
                + " alone would do.%n", machine.cores()));
        for (P2pResult result : p2p) {
            result.ramp().stream().filter(StepResult::sustained)
                    .max((a, b) -> Double.compare(a.offeredRate(), b.offeredRate()))
                    .ifPresent(best -> limitNote(result.target(), best));
        }
        out.append("- Durability differs: Missive acknowledges a publish after the PostgreSQL commit, and PostgreSQL ran"
                + " with " + setup.databaseSettings() + ", so an acknowledged message is on disk;"
                + " Mosquitto runs with persistence off, so its QoS 1 PUBACK means the message is in memory.\n");
        out.append("- Both servers run during the whole suite; the one not under load is idle.\n");
        out.append(String.format("- Missive's password hashing ran with %,d PBKDF2 iterations (%s): the fan-out logs in many"
                + " users; only the login flood's checks would cost more with the default.%n", options.passwordIterations(),
                options.passwordIterations() == BenchOptions.LOW_PASSWORD_ITERATIONS
                        ? "the least it accepts, the suite's default; Missive's own is 600,000" : "`bench.password-iterations`"));
        out.append("- A step that fails leaves work queued in the server; the suite waits until no message has arrived"
                + " for 1 s before the next step, and messages that still arrive late are not counted in any step.\n");
        out.append("- MQTT QoS 0 (on both servers) has no acknowledgement: its publishers count a message as done once"
                + " the MQTT client has written it, so their window bounds nothing in the broker.\n");
        out.append("- The text push protocol has channels, not users: each subscribing device subscribes to a channel of"
                + " its own and its publisher sends `PUB <device> <channel> <id>`; `ACK 1` comes after the commit, and the"
                + " device confirms every message frame with FIN.\n");
        out.append("- FishChat gives a sender nothing back (no acknowledgement, no error): its publishers count a message"
                + " as acknowledged when it reaches its subscriber (`RESP_MESSAGE_P2P`, which Missive sends after the"
                + " commit), so the window bounds undelivered messages, its latency is the delivery latency like every"
                + " target's, and it has no acknowledgement time (\"none\" in the tables). Its clients frame as FishChat's"
                + " Go demos (JSON with a trailing newline), log in with `SEND_CLIENT_ID` (the account made at the first"
                + " login), confirm the login with `CREATE_TOPIC` and `JOIN_TOPIC` of one topic (FishChat answers no"
                + " login), carry the load message as 100 ASCII characters (its fields in hex, then filler), and"
                + " acknowledge every delivery with `P2P_ACK`.\n");
    }

    /** Says whether the load generator or the server used more CPU at a target's highest sustained step. */
    private void limitNote(String target, StepResult best) {
        double generator = best.cpu().cores().getOrDefault(CpuShares.LOAD_GENERATOR, 0.0);
        double servers = best.cpu().cores().entrySet().stream()
                .filter(e -> !e.getKey().equals(CpuShares.LOAD_GENERATOR))
                .mapToDouble(Map.Entry::getValue).sum();
        out.append(String.format("- %s, highest sustained step (%,.0f msg/s): the load generator used %.2f cores, the"
                        + " servers %.2f. %s%n", target, best.offeredRate(), generator, servers,
                generator > servers
                        ? "The load generator, not the server, is the larger cost here: the figure understates the server."
                        : "The server side is the larger cost."));
    }

    // ------------------------------------------------------------------ pieces

    /** The steps of a ramp as a table: rates, latencies, cores used and the verdict of each. */
    static String stepTable(P2pResult result, List<StepResult> steps) {
        StringBuilder out = new StringBuilder();
        out.append("| offered msg/s | s | delivered msg/s | p50 ms | p99 ms | p99.9 ms | max ms | ack p99 ms | cores used | verdict |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (StepResult s : steps) {
            out.append(String.format("| %,.0f | %.0f | %,.0f | %s | %s | %s | %s | %s | %s | %s |%n", s.offeredRate(),
                    s.seconds(), s.deliveredRate(),
                    LatencyHistograms.millis(s.p50()), LatencyHistograms.millis(s.p99()),
                    LatencyHistograms.millis(s.p999()), LatencyHistograms.millis(s.max()), ackP99(result, s),
                    s.cpu().summary().replace("cores used: ", ""),
                    (s.sustained() ? "sustained" : "**not sustained**: " + s.verdict()).replace("|", "/")));
        }
        out.append('\n');
        return out.toString();
    }

    /** A step's acknowledgement p99; none where the server acknowledges nothing (its "acknowledgement" is the delivery). */
    private static String ackP99(P2pResult result, StepResult step) {
        return result.acknowledgedOnDelivery() ? "none"
                : LatencyHistograms.millis(step.acknowledgement().getValueAtPercentile(99));
    }

    private static List<StepResult> steps(P2pResult result) {
        return result.latency() == null ? result.ramp()
                : java.util.stream.Stream.concat(result.ramp().stream(), java.util.stream.Stream.of(result.latency())).toList();
    }

    private void image(Map<String, String> charts, String key, String alt) {
        String file = charts.get(key);
        if (file != null) {
            out.append("![").append(alt).append("](bench/").append(file).append(")\n\n");
        }
    }

    private void row(String name, String value) {
        out.append("| ").append(name).append(" | ").append(value.replace("|", "/")).append(" |\n");
    }

    private static String meaning(P2pResult result) {
        if (result.acknowledgedOnDelivery()) {
            return "none to the sender: counted at the delivery, which follows the commit to PostgreSQL";
        }
        if (result.durable()) {
            return "committed to PostgreSQL";
        }
        return result.target().endsWith("QoS 1") ? "in the broker's memory" : "written to the socket (no acknowledgement)";
    }

    /** "binary/ws" of "Missive binary/ws". */
    static String protocol(P2pResult result) {
        return result.target().replaceFirst("^Missive ", "");
    }

    static String rate(P2pResult result) {
        if (result.maxSustained() == 0) {
            return "none (not even the lowest step)";
        }
        return String.format("%,.0f msg/s%s", result.maxSustained(), result.hitCeiling() ? " or more (ramp ceiling)" : "");
    }

    static String ratio(double missive, double peer) {
        return peer <= 0 || missive < 0 ? "" : String.format("%.2f", missive / peer);
    }

    /** Mosquitto's p2p result at {@code qos}. */
    static Optional<P2pResult> mosquitto(List<P2pResult> p2p, int qos) {
        return p2p.stream().filter(r -> r.target().equals("Mosquitto MQTT QoS " + qos)).findFirst();
    }

    static String millisOrNone(long micros) {
        return micros < 0 ? "none" : LatencyHistograms.millis(micros);
    }

    /** The bench.* system properties that differ from what the profile passes by default, as a command line. */
    static String command(BenchOptions options) {
        StringBuilder command = new StringBuilder("./mvnw -Pbench");
        if (!options.scenarios().equals(Set.copyOf(BenchOptions.ALL))) {
            command.append(" -Dbench.scenarios=").append(String.join(",", options.scenarios()));
        }
        if (options.quick()) {
            command.append(" -Dbench.quick=true");
        }
        Map<String, String> others = new TreeMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("bench.") && !name.equals("bench.scenarios") && !name.equals("bench.quick")) {
                others.put(name, System.getProperty(name));
            }
        }
        if (!others.isEmpty()) {
            StringBuilder passed = new StringBuilder();
            others.forEach((k, v) -> passed.append(passed.length() == 0 ? "" : " ").append("-D").append(k).append('=').append(v));
            command.append(" -Dbench.options=\"").append(passed).append('"');
        }
        return command.toString();
    }
}
