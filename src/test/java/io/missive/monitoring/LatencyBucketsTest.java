package io.missive.monitoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyBucketsTest {

    @Test
    void eachLatencyIsReplayedOnceAsItsBucketsUpperBound() {
        LatencyBuckets buckets = new LatencyBuckets();
        buckets.record(0);
        buckets.record(1);
        buckets.record(3);
        buckets.record(60_000);
        buckets.record(3_600_000);
        List<Long> replayed = new ArrayList<>();

        buckets.drain(replayed::add);

        assertThat(replayed).containsExactly(1L, 1L, 5L, 60_000L, LatencyBuckets.OVERFLOW_VALUE);
        replayed.clear();
        buckets.drain(replayed::add);
        assertThat(replayed).as("drained already").isEmpty();
        buckets.record(7);
        buckets.drain(replayed::add);
        assertThat(replayed).containsExactly(10L);
    }

    @Test
    void recordingsFromManyThreadsAreAllCounted() throws Exception {
        LatencyBuckets buckets = new LatencyBuckets();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            threads.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    buckets.record(i % 100);
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        long[] count = {0};
        buckets.drain(v -> count[0]++);
        assertThat(count[0]).isEqualTo(40_000);
    }
}
