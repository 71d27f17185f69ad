package io.missive.bench;

import io.missive.bench.client.BenchAccount;
import io.missive.bench.client.ClientFactory;
import io.missive.bench.client.DeliveryListener;
import io.missive.bench.client.Destination;
import io.missive.bench.client.LoadMessage;
import io.missive.bench.client.MessagingClient;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publisher/subscriber pairs over one protocol, driven step by step at fixed rates. Each pair is
 * two connections: publisher {@code i} sends only to subscriber {@code i}, with at most
 * {@code window} publishes awaiting the server's acknowledgement (the back-pressure a real client
 * applies); each subscriber acknowledges what it receives. The offered rate is split evenly over
 * the pairs, and the publishers' schedules are staggered so their messages interleave.
 */
final class P2pLoad implements DeliveryListener, AutoCloseable {

    /** A step's p99 above this means the rate is not sustained. */
    static final Duration P99_LIMIT = Duration.ofMillis(50);
    /** A sender further behind its schedule than this stops: the step has failed anyway. */
    private static final Duration GIVE_UP_BEHIND = Duration.ofSeconds(5);

    private final List<MessagingClient> publishers = new ArrayList<>();
    private final List<MessagingClient> subscribers = new ArrayList<>();
    private final List<Destination> destinations = new ArrayList<>();
    private final List<Semaphore> windows = new ArrayList<>();
    private final int window;
    private final CpuMeter cpuMeter;
    private final LongAdder strays = new LongAdder();
    private final AtomicLong lastArrival = new AtomicLong();
    private volatile Measurement current = new Measurement(-1);

    private P2pLoad(int window, CpuMeter cpuMeter) {
        this.window = window;
        this.cpuMeter = cpuMeter;
    }

    /**
     * Connects every subscriber through {@code subscribers}, then every publisher through {@code publishers}
     * (the same factory, or another node's of a cluster); {@code pairs} holds publisher and subscriber accounts.
     */
    static P2pLoad open(ClientFactory publishers, ClientFactory subscribers, List<BenchAccount[]> pairs, int window,
                        CpuMeter cpuMeter) throws IOException {
        P2pLoad load = new P2pLoad(window, cpuMeter);
        try {
            for (BenchAccount[] pair : pairs) {
                load.subscribers.add(subscribers.connect(pair[1], List.of(), load));
                load.destinations.add(new Destination.User(pair[1]));
            }
            for (BenchAccount[] pair : pairs) {
                load.publishers.add(publishers.connect(pair[0], List.of(), load));
                load.windows.add(new Semaphore(window));
            }
            return load;
        } catch (IOException | RuntimeException e) {
            load.close();
            throw e;
        }
    }

    int pairs() {
        return publishers.size();
    }

    int window() {
        return window;
    }

    /**
     * Runs one step: every publisher follows its schedule for {@code duration}, then the step waits
     * up to {@code drainTimeout} for the last acknowledgements and arrivals.
     */
    StepResult run(int step, double offeredRate, Duration duration, Duration drainTimeout) throws InterruptedException {
        Measurement measurement = new Measurement(step);
        current = measurement;
        CpuMeter.Snapshot cpuBefore = cpuMeter.snapshot();
        int pairCount = publishers.size();
        double ratePerPublisher = offeredRate / pairCount;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long scheduled = 0;
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < pairCount; i++) {
            // stagger: publisher i starts i/pairs of a period later, so the pairs do not send in bursts
            long offset = Math.round(i * 1e9 / offeredRate);
            FixedRateSchedule schedule = new FixedRateSchedule(start + offset, ratePerPublisher, duration.toNanos());
            scheduled += schedule.count();
            int publisher = i;
            Thread sender = new Thread(() -> send(step, publisher, schedule, measurement), "bench-publisher-" + i);
            sender.setDaemon(true);
            senders.add(sender);
        }
        senders.forEach(Thread::start);
        for (Thread sender : senders) {
            sender.join();
        }
        long sent = measurement.sent.sum();
        long drainDeadline = System.nanoTime() + drainTimeout.toNanos();
        while ((measurement.received.sum() < sent || measurement.acknowledged.sum() < sent)
                && measurement.errors.sum() == 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(5);
        }
        CpuShares cpu = cpuMeter.snapshot().since(cpuBefore);
        long received = measurement.received.sum();
        long acknowledged = measurement.acknowledged.sum();
        long errors = measurement.errors.sum();
        Histogram delivery = measurement.delivery.getIntervalHistogram();
        Histogram acknowledgement = measurement.acknowledgement.getIntervalHistogram();
        double elapsedSeconds = Math.max(1e-9, (measurement.lastArrival.get() - start) / 1e9);
        double deliveredRate = received / elapsedSeconds;

        String verdict;
        boolean sustained = false;
        long p99 = delivery.getTotalCount() == 0 ? Long.MAX_VALUE : delivery.getValueAtPercentile(99);
        if (errors > 0) {
            verdict = errors + " errors, first: " + measurement.firstError;
        } else if (sent < scheduled) {
            verdict = "the publishers fell more than " + GIVE_UP_BEHIND.toSeconds() + " s behind; "
                    + (scheduled - sent) + " of " + scheduled + " messages not sent";
        } else if (received < sent || acknowledged < sent) {
            verdict = (sent - received) + " messages not delivered and " + (sent - acknowledged)
                    + " not acknowledged " + drainTimeout.toSeconds() + " s after the schedule ended";
        } else if (p99 > P99_LIMIT.toNanos() / 1000) {
            verdict = "p99 " + LatencyHistograms.millis(p99) + " ms over " + P99_LIMIT.toMillis() + " ms";
        } else {
            verdict = "every message delivered, p99 within " + P99_LIMIT.toMillis() + " ms";
            sustained = true;
        }
        return new StepResult(offeredRate, duration.toNanos() / 1e9, scheduled, sent, acknowledged, received, errors,
                deliveredRate, delivery, acknowledgement, cpu, sustained, verdict);
    }

    private void send(int step, int publisher, FixedRateSchedule schedule, Measurement measurement) {
        MessagingClient client = publishers.get(publisher);
        Destination destination = destinations.get(publisher);
        Semaphore permits = windows.get(publisher);
        long giveUpNanos = GIVE_UP_BEHIND.toNanos();
        try {
            for (long i = 0; i < schedule.count(); i++) {
                long intended = schedule.intendedNanos(i);
                FixedRateSchedule.waitUntil(intended);
                // a full window makes the sender wait: that wait belongs to this message's latency
                while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (System.nanoTime() - intended > giveUpNanos || measurement.errors.sum() > 0) {
                        return;
                    }
                }
                if (System.nanoTime() - intended > giveUpNanos) {
                    permits.release();
                    return;
                }
                client.publish(destination, new LoadMessage(intended, step, publisher, i));
                measurement.sent.increment();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until no message has arrived for {@code quiet} (at most {@code timeout}), then gives
     * every publisher its full window back: what a failed step left queued in the server must not
     * be charged to the next step.
     */
    void settle(Duration quiet, Duration timeout) throws InterruptedException {
        current = new Measurement(-1);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && System.nanoTime() - lastArrival.get() < quiet.toNanos()) {
            Thread.sleep(50);
        }
        for (Semaphore permits : windows) {
            permits.drainPermits();
            permits.release(window);
        }
    }

    /** Messages that arrived during a later step than their own (stragglers of failed steps). */
    long strays() {
        return strays.sum();
    }

    // ------------------------------------------------------------------ DeliveryListener

    @Override
    public void acknowledged(LoadMessage message, long nanoTime) {
        windows.get(message.publisher()).release();
        Measurement m = current;
        if (message.step() == m.step) {
            m.acknowledged.increment();
            m.acknowledgement.recordValue(LatencyHistograms.micros(nanoTime - message.intendedNanos()));
        }
    }

    @Override
    public void received(LoadMessage message, long nanoTime) {
        lastArrival.set(nanoTime);
        Measurement m = current;
        if (message.step() == m.step) {
            m.received.increment();
            m.delivery.recordValue(LatencyHistograms.micros(nanoTime - message.intendedNanos()));
            m.lastArrival.accumulateAndGet(nanoTime, Math::max);
        } else {
            strays.increment();
        }
    }

    @Override
    public void failed(String what) {
        Measurement m = current;
        if (m.errors.sum() == 0) {
            m.firstError = what;
        }
        m.errors.increment();
    }

    @Override
    public void close() {
        current = new Measurement(-1);
        publishers.forEach(MessagingClient::close);
        subscribers.forEach(MessagingClient::close);
    }

    /** The counters and histograms of one step; a new one per step, so late messages of the last step stay out. */
    private static final class Measurement {
        final int step;
        final LongAdder sent = new LongAdder();
        final LongAdder acknowledged = new LongAdder();
        final LongAdder received = new LongAdder();
        final LongAdder errors = new LongAdder();
        final AtomicLong lastArrival = new AtomicLong();
        final Recorder delivery = LatencyHistograms.newRecorder();
        final Recorder acknowledgement = LatencyHistograms.newRecorder();
        volatile String firstError;

        Measurement(int step) {
            this.step = step;
        }
    }
}
