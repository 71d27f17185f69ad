package io.missive.monitoring;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Missive's figures in the Prometheus text format (0.0.4), for servers without MicroProfile
 * Metrics. Names, types and labels are those Payara's MicroProfile Metrics gives the same figures,
 * so that one dashboard reads both; only the {@code mp_scope} label is missing, and the latency
 * quantiles are since the start (not over a decaying window), to the precision of
 * {@link LatencyBuckets}.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

    private final StringBuilder text = new StringBuilder(4096);

    /** The whole exposition of {@code counters}, the connections by label and the backlog. */
    static String of(TrafficCounters counters, Set<String> protocols, ToLongFunction<String> connections,
                     long backlog) {
        PrometheusText out = new PrometheusText();
        out.family("missive_connections", "gauge", "Live connections of this node, by protocol and transport");
        for (String protocol : new TreeSet<>(protocols)) {
            out.sample("missive_connections{protocol=\"" + protocol + "\"}", connections.applyAsLong(protocol));
        }
        out.counter("missive_messages_in_total", "Messages published to the messaging core and committed",
                counters.in.sum());
        out.counter("missive_messages_out_total", "Messages pushed to a recipient's connection for the first time",
                counters.out.sum());
        out.counter("missive_messages_acknowledged_total", "Pushes acknowledged by their recipient",
                counters.acknowledged.sum());
        out.counter("missive_messages_resent_total", "Pushes sent again because they were not acknowledged in time",
                counters.resent.sum());
        out.counter("missive_delivery_queue_overflows_total", TrafficCounters.QUEUE_OVERFLOWS_HELP,
                counters.queueOverflows.sum());
        out.counter("missive_messages_expired_total", "Stored messages deleted because their time to live ran out",
                counters.expired.sum());
        out.counter("missive_logins_throttled_total", TrafficCounters.THROTTLED_HELP, counters.loginsThrottled.sum());
        out.counter("missive_logins_busy_total", TrafficCounters.BUSY_HELP, counters.loginsBusy.sum());
        out.counter("missive_connections_refused_awaiting_login_total", TrafficCounters.AWAITING_LOGIN_HELP,
                counters.refusedAwaitingLogin.sum());
        out.family("missive_pending_backlog", "gauge", "Messages stored and not yet delivered to a recipient, counted"
                + " every missive.metrics.backlog-interval");
        out.sample("missive_pending_backlog", backlog);
        out.latencies(counters.latencies);
        out.family("missive_store_commit_batch_size", "summary", "Messages written per commit of the store's"
                + " group-commit writer");
        out.sample("missive_store_commit_batch_size_count", counters.batches.sum());
        out.sample("missive_store_commit_batch_size_sum", counters.batchedMessages.sum());
        out.family("missive_store_commit_batch_size_max", "gauge", "The largest batch since the start");
        out.sample("missive_store_commit_batch_size_max", counters.largestBatch.get());
        return out.text.toString();
    }

    private void latencies(LatencyBuckets latencies) {
        String name = "missive_delivery_latency_milliseconds";
        long[] counts = latencies.counts();
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        family(name, "summary", "From a message's creation on the server to its first push to an online, caught-up"
                + " recipient, to the precision of a 1-2-5 series of buckets");
        for (double q : QUANTILES) {
            sample(name + "{quantile=\"" + q + "\"}", quantile(counts, total, q));
        }
        sample(name + "_count", total);
        sample(name + "_sum", latencies.sum());
        family(name + "_max", "gauge", "The largest latency since the start");
        sample(name + "_max", latencies.max());
    }

    /** The upper bound of the bucket holding the {@code q} quantile; 0 before the first latency. */
    static long quantile(long[] counts, long total, double q) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i < LatencyBuckets.BOUNDS.length ? LatencyBuckets.BOUNDS[i] : LatencyBuckets.OVERFLOW_VALUE;
            }
        }
        return LatencyBuckets.OVERFLOW_VALUE;
    }

    private void counter(String name, String help, long value) {
        family(name, "counter", help);
        sample(name, value);
    }

    private void family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String nameAndLabels, long value) {
        text.append(nameAndLabels).append(' ').append(String.format(Locale.ROOT, "%d", value)).append('\n');
    }
}
