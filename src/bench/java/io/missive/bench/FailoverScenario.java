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
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A node killed under a steady flow: users connected to the doomed node receive a message each every
 * {@code 1 / perUserRate} seconds from a publisher on a surviving node; the node gets SIGKILL; each user,
 * seeing its connection drop, logs in again at once on a surviving node (alternating between them,
 * retrying every {@value #RETRY_MILLIS} ms while the login is refused or the connection fails), as a
 * client of the protocol does. Measured from the kill: until each user's new login, and until each
 * receives again; at the end, every acknowledged message must have reached its user (duplicates allowed).
 */
final class FailoverScenario {

    private static final long RETRY_MILLIS = 250;
    private static final long STEADY_BEFORE_MILLIS = 5_000;
    private static final long RECOVERY_TIMEOUT_MILLIS = 120_000;
    private static final long STEADY_AFTER_MILLIS = 2_000;
    private static final long DRAIN_TIMEOUT_MILLIS = 30_000;

    private final PrintStream progress;

    FailoverScenario(PrintStream progress) {
        this.progress = progress;
    }

    /**
     * @param doomed     the node to kill, where the users connect first
     * @param doomedPort its binary TCP listener (for the users' first connections)
     * @param survivors  a factory per surviving node, the publisher's first
     * @param perUserRate messages per second to each user
     */
    FailoverResult run(MissiveUnderTest doomed, ClientFactory doomedPort, List<ClientFactory> survivors,
                       BenchAccount publisher, List<BenchAccount> users, double perUserRate)
            throws IOException, InterruptedException {
        progress.printf("%n== failover: %d users on the node to be killed, %.0f msg/s to each from a publisher on another"
                + " node, then kill -9%n", users.size(), perUserRate);
        Flow flow = new Flow();
        List<User> connected = new ArrayList<>();
        ExecutorService reconnects = Executors.newFixedThreadPool(8);
        try (MessagingClient sender = survivors.get(0).connect(publisher, List.of(), flow)) {
            for (int i = 0; i < users.size(); i++) {
                User user = new User(i, users.get(i), flow, survivors, reconnects);
                user.connect(doomedPort);
                connected.add(user);
            }
            Thread publishing = new Thread(() -> publish(sender, users, perUserRate, flow), "failover-publisher");
            publishing.setDaemon(true);
            publishing.start();

            Thread.sleep(STEADY_BEFORE_MILLIS);
            long killed = System.nanoTime();
            flow.killedAt.set(killed);
            doomed.kill();
            progress.printf("  node killed (SIGKILL) after %d s of steady flow; %,d messages acknowledged so far%n",
                    STEADY_BEFORE_MILLIS / 1000, flow.acknowledged.sum());
            long deadline = killed + TimeUnit.MILLISECONDS.toNanos(RECOVERY_TIMEOUT_MILLIS);
            while (connected.stream().anyMatch(u -> u.receivedAgainAt.get() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(STEADY_AFTER_MILLIS);
            flow.publishing.set(false);
            publishing.join();
            long drainDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MILLIS);
            while (flow.missing() > 0 && System.nanoTime() < drainDeadline) {
                Thread.sleep(50);
            }
            List<Long> relogin = connected.stream().map(u -> since(killed, u.loggedInAgainAt.get())).toList();
            List<Long> receiving = connected.stream().map(u -> since(killed, u.receivedAgainAt.get())).toList();
            FailoverResult result = new FailoverResult(users.size(), perUserRate, relogin, receiving,
                    connected.stream().mapToLong(u -> u.refusedLogins.get()).sum(), flow.acknowledged.sum(),
                    flow.missing(), flow.duplicates.sum());
            progress.println("  " + result.summary());
            return result;
        } finally {
            flow.publishing.set(false);
            reconnects.shutdownNow();
            connected.forEach(User::close);
        }
    }

    /** Microseconds from {@code killed} to {@code at}, -1 when it never happened. */
    private static long since(long killed, long at) {
        return at == 0 ? -1 : TimeUnit.NANOSECONDS.toMicros(at - killed);
    }

    /** One message to each user in turn, at {@code perUserRate} per user, on a fixed schedule. */
    private static void publish(MessagingClient sender, List<BenchAccount> users, double perUserRate, Flow flow) {
        double rate = perUserRate * users.size();
        long start = System.nanoTime();
        for (long i = 0; flow.publishing.get(); i++) {
            long intended = start + Math.round(i * 1e9 / rate);
            FixedRateSchedule.waitUntil(intended);
            int user = (int) (i % users.size());
            sender.publish(new Destination.User(users.get(user)), new LoadMessage(intended, 1, user, i));
            flow.published.incrementAndGet();
        }
    }

    /** What was published, acknowledged and received, by the sequence number of each message. */
    private static final class Flow implements DeliveryListener {
        final AtomicBoolean publishing = new AtomicBoolean(true);
        final AtomicLong published = new AtomicLong();
        final AtomicLong killedAt = new AtomicLong();
        final LongAdder acknowledged = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        private final BitSet acked = new BitSet();
        private final BitSet received = new BitSet();

        @Override
        public synchronized void acknowledged(LoadMessage message, long nanoTime) {
            acked.set((int) message.sequence());
            acknowledged.increment();
        }

        synchronized void arrived(LoadMessage message) {
            int sequence = (int) message.sequence();
            if (received.get(sequence)) {
                duplicates.increment();
            }
            received.set(sequence);
        }

        /** Acknowledged messages that have not reached their user. */
        synchronized long missing() {
            BitSet lost = (BitSet) acked.clone();
            lost.andNot(received);
            return lost.cardinality();
        }

        @Override
        public void received(LoadMessage message, long nanoTime) {
            // the publisher receives nothing
        }

        @Override
        public void failed(String what) {
            // a refused publish shows as a message never acknowledged
        }
    }

    /** A user whose connection moves from the killed node to a survivor. */
    private static final class User {
        final int index;
        final BenchAccount account;
        final Flow flow;
        final List<ClientFactory> survivors;
        final ExecutorService reconnects;
        final AtomicLong loggedInAgainAt = new AtomicLong();
        final AtomicLong receivedAgainAt = new AtomicLong();
        final AtomicLong refusedLogins = new AtomicLong();
        private volatile MessagingClient client;

        User(int index, BenchAccount account, Flow flow, List<ClientFactory> survivors, ExecutorService reconnects) {
            this.index = index;
            this.account = account;
            this.flow = flow;
            this.survivors = survivors;
            this.reconnects = reconnects;
        }

        void connect(ClientFactory node) throws IOException {
            client = node.connect(account, List.of(), new Connection(false));
        }

        /** Logs in on the survivors in turn until one accepts. */
        void reconnect() {
            for (int attempt = 0; !Thread.currentThread().isInterrupted(); attempt++) {
                try {
                    client = survivors.get((index + attempt) % survivors.size()).connect(account, List.of(), new Connection(true));
                    loggedInAgainAt.compareAndSet(0, System.nanoTime());
                    return;
                } catch (IOException refusedOrUnreachable) {
                    refusedLogins.incrementAndGet();
                    try {
                        Thread.sleep(RETRY_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        void close() {
            MessagingClient c = client;
            if (c != null) {
                c.close();
            }
        }

        /** The events of one of the user's connections. */
        private final class Connection implements DeliveryListener {
            private final boolean afterKill;
            private final AtomicBoolean lost = new AtomicBoolean();

            Connection(boolean afterKill) {
                this.afterKill = afterKill;
            }

            @Override
            public void acknowledged(LoadMessage message, long nanoTime) {
                // users publish nothing
            }

            @Override
            public void received(LoadMessage message, long nanoTime) {
                flow.arrived(message);
                if (afterKill) {
                    receivedAgainAt.compareAndSet(0, nanoTime);
                }
            }

            @Override
            public void failed(String what) {
                if (!afterKill && flow.killedAt.get() != 0 && lost.compareAndSet(false, true)) {
                    reconnects.execute(User.this::reconnect);
                }
            }
        }
    }
}
