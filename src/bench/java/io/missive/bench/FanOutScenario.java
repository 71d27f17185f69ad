package io.missive.bench;

import io.missive.bench.client.BenchAccount;
import io.missive.bench.client.ClientFactory;
import io.missive.bench.client.DeliveryListener;
import io.missive.bench.client.Destination;
import io.missive.bench.client.LoadMessage;
import io.missive.bench.client.MessagingClient;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 3 of issue 7: every member of a group online, one more member publishes one message to
 * the group, and the round ends when the last of the others has it. Rounds are apart, so each
 * measures a fan-out on an idle server. On Mosquitto the group is a topic every member subscribes to.
 *
 * <p>The members live in client JVMs ({@link ClientProcesses}: 10,000 connections would pass this
 * machine's open-file limit of one process with the publisher's and the servers' files close to it),
 * the publisher in the suite's JVM. The time runs from the publish to each arrival on
 * {@link SharedClock}'s time line, which the processes share.
 */
final class FanOutScenario {

    private static final long ROUND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long LATE_REPORT_MILLIS = 2000;

    private final PrintStream progress;
    private final int perProcess;

    FanOutScenario(PrintStream progress, int perProcess) {
        this.progress = progress;
        this.perProcess = perProcess;
    }

    /**
     * @param publishers     the factory the publisher connects with (its name is the target's)
     * @param memberProtocol the members' protocol, as {@link ClientProcess} takes it
     * @param ports          the server's port, or each node's of a cluster (the members spread evenly)
     * @param memberPrefix   the members are {@code <memberPrefix>1} to {@code <memberPrefix><members>}
     */
    FanOutResult run(ClientFactory publishers, BenchAccount publisher, Destination.Group group, String memberProtocol,
                     List<Integer> ports, String memberPrefix, int members, int rounds) throws IOException, InterruptedException {
        String target = publishers.name();
        progress.printf("%n== %s: fan-out to %,d group members (%s, in client processes of at most %,d), %d rounds%n",
                target, members, memberProtocol, perProcess, rounds);
        Reports reports = new Reports();
        long connectStart = System.nanoTime();
        try (ClientProcesses clients = ClientProcesses.open(target, memberProtocol, ports, memberPrefix, members,
                perProcess, group, reports::line, progress);
             MessagingClient sender = publishers.connect(publisher, List.of(), new Ignore())) {
            progress.printf("  all %,d connected in %.1f s%n", clients.connected(), (System.nanoTime() - connectStart) / 1e9);
            List<Long> toLast = new ArrayList<>();
            List<Long> toHalf = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Thread.sleep(1000);
                long sentNanos = System.nanoTime();
                sender.publish(group, new LoadMessage(sentNanos, round, 0, round));
                long sent = SharedClock.epochNanos(sentNanos) / 1000;
                long deadline = sentNanos + ROUND_TIMEOUT_NANOS;
                while (reports.count(round) < clients.processes() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                if (reports.count(round) < clients.processes()) {
                    clients.tell(ClientProcess.REPORT + " " + round);
                    Thread.sleep(LATE_REPORT_MILLIS);
                }
                long[] arrivals = reports.arrivals(round);
                boolean complete = arrivals.length >= members;
                long last = complete ? arrivals[arrivals.length - 1] - sent : -1;
                long half = arrivals.length >= (members + 1) / 2 ? arrivals[(members + 1) / 2 - 1] - sent : -1;
                toLast.add(last);
                toHalf.add(half);
                progress.printf("  round %2d: %s%n", round, complete
                        ? String.format("last of %,d members after %s ms (half after %s ms)", members,
                                LatencyHistograms.millis(last), LatencyHistograms.millis(half))
                        : String.format("only %,d of %,d members within %d s", arrivals.length, members,
                                TimeUnit.NANOSECONDS.toSeconds(ROUND_TIMEOUT_NANOS)));
            }
            return new FanOutResult(target, members, toLast, toHalf);
        }
    }

    /** The client processes' ARRIVED lines, the latest of each process per round. */
    private static final class Reports {
        private final Map<Integer, Map<Integer, long[]>> byRound = new ConcurrentHashMap<>();

        void line(int process, String line) {
            if (!line.startsWith(ClientProcess.ARRIVED + " ")) {
                return;
            }
            String[] fields = line.split(" ");
            long[] micros = new long[fields.length - 2];
            for (int i = 2; i < fields.length; i++) {
                micros[i - 2] = Long.parseLong(fields[i]);
            }
            byRound.computeIfAbsent(Integer.parseInt(fields[1]), r -> new ConcurrentHashMap<>()).put(process, micros);
        }

        int count(int round) {
            return byRound.getOrDefault(round, Map.of()).size();
        }

        /** Every arrival of the round, in order. */
        long[] arrivals(int round) {
            return byRound.getOrDefault(round, Map.of()).values().stream().flatMapToLong(Arrays::stream).sorted().toArray();
        }
    }

    /** The publisher's own events: its acknowledgement is not what a fan-out measures. */
    private static final class Ignore implements DeliveryListener {
        @Override
        public void acknowledged(LoadMessage message, long nanoTime) {
        }

        @Override
        public void received(LoadMessage message, long nanoTime) {
        }

        @Override
        public void failed(String what) {
        }
    }
}
