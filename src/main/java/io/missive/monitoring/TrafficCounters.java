package io.missive.monitoring;

import io.missive.core.model.Message;
import io.missive.core.stats.MessagingObserver;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * The observer the core and the store call on the delivery path: a plain object, never a CDI
 * proxy, and Missive's own counters, never a metrics library's, so that a count is one
 * {@code LongAdder} increment and nothing more, and so that the figures exist on every server
 * whatever metrics system it offers. Latencies go into {@link LatencyBuckets}; batch sizes, from
 * the store's one writer thread once per commit, into a count, a sum and a maximum, and to the
 * {@linkplain #forwardBatchSizes exporter} that wants each of them. Public only as the type of
 * {@link TrafficMetrics#counters()}, a public method so that the CDI proxy surely forwards it.
 */
public final class TrafficCounters implements MessagingObserver {

    final LongAdder in = new LongAdder();
    final LongAdder out = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder resent = new LongAdder();
    final LongAdder queueOverflows = new LongAdder();
    static final String QUEUE_OVERFLOWS_HELP = "Times a session had more messages waiting than"
            + " missive.delivery.queue-limit holds in memory, and read them again from the store";
    final LongAdder expired = new LongAdder();
    final LongAdder loginsThrottled = new LongAdder();
    static final String THROTTLED_HELP = "Logins refused unchecked: their address or username failed too often lately";
    final LongAdder loginsBusy = new LongAdder();
    static final String BUSY_HELP = "Logins refused unchecked: every credential-check thread and queue place was taken"
            + " (missive.auth.check-threads, missive.auth.check-queue)";
    final LongAdder refusedAwaitingLogin = new LongAdder();
    static final String AWAITING_LOGIN_HELP = "Connections refused at once: their address had"
            + " missive.connection.max-awaiting-login-per-address connections awaiting their login";
    final LatencyBuckets latencies = new LatencyBuckets();
    final LongAdder batches = new LongAdder();
    final LongAdder batchedMessages = new LongAdder();
    final LongAccumulator largestBatch = new LongAccumulator(Math::max, 0);
    private volatile LongConsumer batchSizes = size -> { };

    /** Hands every batch size from now on to {@code sizes} too (an exporter's histogram). */
    void forwardBatchSizes(LongConsumer sizes) {
        this.batchSizes = sizes;
    }

    @Override
    public void stored(Message message) {
        in.increment();
    }

    @Override
    public void pushed(Message message, long nowMillis, boolean live) {
        out.increment();
        if (live) {
            latencies.record(Math.max(0, nowMillis - message.createdAtMillis()));
        }
    }

    @Override
    public void queueOverflowed() {
        queueOverflows.increment();
    }

    @Override
    public void resent() {
        resent.increment();
    }

    @Override
    public void acknowledged() {
        acknowledged.increment();
    }

    @Override
    public void expired(int count) {
        expired.add(count);
    }

    @Override
    public void loginThrottled() {
        loginsThrottled.increment();
    }

    @Override
    public void loginRefusedBusy() {
        loginsBusy.increment();
    }

    @Override
    public void connectionRefusedAwaitingLogin() {
        refusedAwaitingLogin.increment();
    }

    @Override
    public void batchCommitted(int size) {
        batches.increment();
        batchedMessages.add(size);
        largestBatch.accumulate(size);
        batchSizes.accept(size);
    }
}
