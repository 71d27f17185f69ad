package io.missive.websocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class IdleTimerSchedulerTest {

    private final IdleTimerScheduler.DueNowInline scheduler =
            new IdleTimerScheduler.DueNowInline(Executors.defaultThreadFactory());

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aTaskDueNowRunsOnTheCallersThreadAndIsNeverQueued() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        ScheduledFuture<?> future = scheduler.schedule(() -> ranOn.set(Thread.currentThread()), 0, TimeUnit.MILLISECONDS);
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        assertThat(future.isDone()).isTrue();
        assertThat(future.cancel(false)).isFalse();
        assertThat(scheduler.getQueue()).isEmpty();
        assertThat(scheduler.getCompletedTaskCount()).isZero();
    }

    @Test
    void aTaskWithADelayRunsLaterOnTheSchedulersThreadAndCanBeCancelled() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        scheduler.schedule(() -> {
            ranOn.set(Thread.currentThread());
            ran.countDown();
        }, 20, TimeUnit.MILLISECONDS);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());

        ScheduledFuture<?> idle = scheduler.schedule(() -> { }, 1, TimeUnit.HOURS);
        assertThat(scheduler.getQueue()).hasSize(1);
        assertThat(idle.cancel(false)).isTrue();
        scheduler.purge();
        assertThat(scheduler.getQueue()).isEmpty();
    }
}
