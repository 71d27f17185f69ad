package io.missive.bench;

import io.missive.bench.client.BenchAccount;
import io.missive.bench.client.ClientFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The pairs' connections of a p2p load. After a step in which a connection failed (the server closed one
 * it judged too slow, say, when the machine was overloaded), every pair connects again, as real clients
 * would, so that the later steps measure the server rather than a load generator with dead pairs; what
 * the old sessions had pending arrives as strays, counted in no step but not lost.
 */
final class P2pConnections implements AutoCloseable {

    static final Duration SETTLE_QUIET = Duration.ofSeconds(1);
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

    private final ClientFactory publishers;
    private final ClientFactory subscribers;
    private final List<BenchAccount[]> pairs;
    private final int window;
    private final CpuMeter cpuMeter;
    private final PrintStream progress;
    private P2pLoad load;
    private long earlierStrays;

    P2pConnections(ClientFactory publishers, ClientFactory subscribers, List<BenchAccount[]> pairs, int window,
                   CpuMeter cpuMeter, PrintStream progress) throws IOException {
        this.publishers = publishers;
        this.subscribers = subscribers;
        this.pairs = pairs;
        this.window = window;
        this.cpuMeter = cpuMeter;
        this.progress = progress;
        this.load = P2pLoad.open(publishers, subscribers, pairs, window, cpuMeter);
    }

    P2pLoad load() {
        return load;
    }

    /** Reconnects every pair if {@code step} had errors, then waits for the arrivals to settle. */
    void recoverFrom(StepResult step) throws IOException, InterruptedException {
        if (step.errors() > 0) {
            progress.println("  (a connection failed in that step: every pair connects again, as clients would)");
            earlierStrays += load.strays();
            load.close();
            load = P2pLoad.open(publishers, subscribers, pairs, window, cpuMeter);
        }
        load.settle(SETTLE_QUIET, SETTLE_TIMEOUT);
    }

    /** Messages that arrived after their step's drain, over every connection so far: late, not lost. */
    long strays() {
        return earlierStrays + load.strays();
    }

    @Override
    public void close() {
        load.close();
    }
}
