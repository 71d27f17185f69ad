package io.missive.websocket;

import io.missive.core.session.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryLoopsTest {

    private final DeliveryLoops loops = new DeliveryLoops(r -> new Thread(r), 2);

    @AfterEach
    void stop() {
        loops.close();
    }

    @Test
    void connectionsAreGivenTheLoopsInTurn() {
        EventLoop first = loops.next();
        EventLoop second = loops.next();
        assertThat(first).isNotSameAs(second);
        assertThat(loops.next()).isSameAs(first);
        assertThat(loops.next()).isSameAs(second);
    }

    @Test
    void aLoopRunsItsTasksOnOneThreadInTheOrderTheyCameAndKnowsItsThread() throws Exception {
        EventLoop loop = loops.next();
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        Set<Thread> threads = Collections.synchronizedSet(new HashSet<>());
        List<Boolean> inLoop = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1000);
        for (int i = 0; i < 1000; i++) {
            int n = i;
            loop.execute(() -> {
                order.add(n);
                threads.add(Thread.currentThread());
                inLoop.add(loop.inLoop());
                done.countDown();
            });
        }
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(order).isSorted().hasSize(1000);
        assertThat(threads).hasSize(1);
        assertThat(inLoop).containsOnly(true);
        assertThat(loop.inLoop()).isFalse();
    }

    /** Submitters racing the loop as it goes to sleep: a lost wake-up would leave a task queued and the latch short. */
    @Test
    void noTaskIsLeftQueuedWhileTheLoopSleeps() throws Exception {
        EventLoop loop = loops.next();
        int submitters = 4;
        int each = 20_000;
        CountDownLatch done = new CountDownLatch(submitters * each);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < submitters; t++) {
            Thread submitter = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    loop.execute(done::countDown);
                    if (i % 64 == 0) {
                        Thread.yield();   // lets the loop run dry and park between bursts
                    }
                }
            });
            threads.add(submitter);
            submitter.start();
        }
        for (Thread submitter : threads) {
            submitter.join();
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTaskThatThrowsDoesNotStopItsLoop() throws Exception {
        EventLoop loop = loops.next();
        CountDownLatch after = new CountDownLatch(1);
        loop.execute(() -> {
            throw new IllegalStateException("a task's bug");
        });
        loop.execute(after::countDown);
        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closeRunsWhatIsQueuedAndThenRefuses() throws Exception {
        EventLoop loop = loops.next();
        CountDownLatch blocker = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(100);
        loop.execute(() -> {
            try {
                blocker.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 100; i++) {
            loop.execute(queued::countDown);
        }
        Thread closer = new Thread(loops::close);
        closer.start();
        blocker.countDown();
        closer.join(10_000);
        assertThat(queued.getCount()).isZero();
        assertThatThrownBy(() -> loop.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void atLeastOneLoop() {
        assertThatThrownBy(() -> new DeliveryLoops(r -> new Thread(r), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
