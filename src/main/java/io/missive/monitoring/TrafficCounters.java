package io.missive.monitoring;

import io.missive.core.model.Message;
import io.missive.core.stats.MessagingObserver;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;

/**
 * The observer the core and the store call on the delivery path: a plain object, never a CDI
 * proxy, so that a count is one {@code LongAdder} increment and nothing more. Counters are MP
 * Metrics counters ({@code LongAdder}s in Payara); latencies go into {@link LatencyBuckets}, which
 * {@link TrafficMetrics} drains into the MP histogram off the delivery path; batch sizes go
 * straight into theirs, from the store's one writer thread, once per commit.
 */
final class TrafficCounters implements MessagingObserver {

    final Counter in;
    final Counter out;
    final Counter acknowledged;
    final Counter resent;
    final Counter expired;
    final LatencyBuckets latencies = new LatencyBuckets();
    private final Histogram batchSizes;

    TrafficCounters(Counter in, Counter out, Counter acknowledged, Counter resent, Counter expired,
                    Histogram batchSizes) {
        this.in = in;
        this.out = out;
        this.acknowledged = acknowledged;
        this.resent = resent;
        this.expired = expired;
        this.batchSizes = batchSizes;
    }

    @Override
    public void stored(Message message) {
        in.inc();
    }

    @Override
    public void pushed(Message message, long nowMillis, boolean live) {
        out.inc();
        if (live) {
            latencies.record(Math.max(0, nowMillis - message.createdAtMillis()));
        }
    }

    @Override
    public void resent() {
        resent.inc();
    }

    @Override
    public void acknowledged() {
        acknowledged.inc();
    }

    @Override
    public void expired(int count) {
        expired.inc(count);
    }

    @Override
    public void batchCommitted(int size) {
        batchSizes.update(size);
    }
}
