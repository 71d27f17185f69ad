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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 3 of issue 7, at a configurable size: every member of a group online, one member
 * publishes one message to the group, and the round ends when the last of the others has it.
 * Rounds are apart, so each measures a fan-out on an idle server. On Mosquitto the group is a
 * topic every member subscribes to.
 */
final class FanOutScenario {

    private static final long ROUND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final PrintStream progress;

    FanOutScenario(PrintStream progress) {
        this.progress = progress;
    }

    /**
     * @param members the group's members; the first one publishes, the others receive
     */
    FanOutResult run(ClientFactory factory, List<BenchAccount> members, Destination.Group group, int rounds)
            throws IOException, InterruptedException {
        progress.printf("%n== %s: fan-out to %,d group members, %d rounds%n", factory.name(), members.size() - 1, rounds);
        Arrivals arrivals = new Arrivals();
        List<MessagingClient> clients = new ArrayList<>();
        try {
            long connectStart = System.nanoTime();
            for (BenchAccount member : members) {
                clients.add(factory.connect(member, List.of(group), arrivals));
                if (clients.size() % 250 == 0) {
                    progress.printf("  %,d of %,d members connected%n", clients.size(), members.size());
                }
            }
            progress.printf("  all %,d connected in %.1f s%n", clients.size(), (System.nanoTime() - connectStart) / 1e9);
            int receivers = members.size() - 1;
            List<Long> toLast = new ArrayList<>();
            List<Long> toHalf = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Thread.sleep(1000);
                arrivals.begin(round, receivers);
                long sent = System.nanoTime();
                clients.get(0).publish(group, new LoadMessage(sent, round, 0, round));
                long deadline = sent + ROUND_TIMEOUT_NANOS;
                while (arrivals.count.get() < receivers && System.nanoTime() < deadline && arrivals.error == null) {
                    Thread.sleep(1);
                }
                boolean complete = arrivals.count.get() >= receivers;
                long last = complete ? (arrivals.last.get() - sent) / 1000 : -1;
                long half = arrivals.half.get() == 0 ? -1 : (arrivals.half.get() - sent) / 1000;
                toLast.add(last);
                toHalf.add(half);
                progress.printf("  round %2d: %s%n", round, complete
                        ? String.format("last of %,d members after %s ms (half after %s ms)", receivers,
                                LatencyHistograms.millis(last), LatencyHistograms.millis(half))
                        : String.format("only %,d of %,d members within %d s%s", arrivals.count.get(), receivers,
                                TimeUnit.NANOSECONDS.toSeconds(ROUND_TIMEOUT_NANOS),
                                arrivals.error == null ? "" : "; " + arrivals.error));
            }
            return new FanOutResult(factory.name(), receivers, toLast, toHalf);
        } finally {
            clients.forEach(MessagingClient::close);
        }
    }

    /** Arrivals of the current round. */
    private static final class Arrivals implements DeliveryListener {
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong last = new AtomicLong();
        final AtomicLong half = new AtomicLong();
        volatile int round = -1;
        volatile int halfCount;
        volatile String error;

        void begin(int nextRound, int receivers) {
            count.set(0);
            last.set(0);
            half.set(0);
            halfCount = (receivers + 1) / 2;
            round = nextRound;
        }

        @Override
        public void acknowledged(LoadMessage message, long nanoTime) {
            // the publisher's acknowledgement is not what a fan-out measures
        }

        @Override
        public void received(LoadMessage message, long nanoTime) {
            if (message.step() != round) {
                return;
            }
            last.accumulateAndGet(nanoTime, Math::max);
            if (count.incrementAndGet() == halfCount) {
                half.set(nanoTime);
            }
        }

        @Override
        public void failed(String what) {
            if (error == null) {
                error = what;
            }
        }
    }
}
