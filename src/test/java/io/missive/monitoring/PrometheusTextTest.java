package io.missive.monitoring;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

    @Test
    void showsTheFiguresUnderPayarasNames() {
        TrafficCounters counters = new TrafficCounters();
        counters.in.add(3);
        counters.out.add(2);
        counters.acknowledged.increment();
        counters.queueOverflowed();
        counters.batchCommitted(2);
        counters.batchCommitted(7);
        counters.latencies.record(3);
        counters.latencies.record(40);

        String text = PrometheusText.of(counters, Set.of("binary-ws", "mqtt-tcp"), p -> p.equals("binary-ws") ? 4 : 0, 9);

        assertThat(text).contains(
                "# TYPE missive_messages_in_total counter\nmissive_messages_in_total 3\n",
                "missive_messages_out_total 2\n",
                "missive_messages_acknowledged_total 1\n",
                "missive_messages_resent_total 0\n",
                "missive_messages_expired_total 0\n",
                "missive_delivery_queue_overflows_total 1\n",
                "missive_connections{protocol=\"binary-ws\"} 4\n",
                "missive_connections{protocol=\"mqtt-tcp\"} 0\n",
                "missive_pending_backlog 9\n",
                "missive_store_commit_batch_size_count 2\n",
                "missive_store_commit_batch_size_sum 9\n",
                "missive_store_commit_batch_size_max 7\n",
                "missive_delivery_latency_milliseconds{quantile=\"0.5\"} 5\n",
                "missive_delivery_latency_milliseconds{quantile=\"0.99\"} 50\n",
                "missive_delivery_latency_milliseconds_count 2\n",
                "missive_delivery_latency_milliseconds_sum 43\n",
                "missive_delivery_latency_milliseconds_max 40\n");
    }

    @Test
    void quantilesAreZeroBeforeTheFirstLatency() {
        assertThat(PrometheusText.quantile(new long[LatencyBuckets.BOUNDS.length + 1], 0, 0.5)).isZero();
    }
}
