package io.missive.core.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mailbox's order and where its tasks run: the loop for non-blocking work, the pool for the rest. */
class SerialExecutorTest {

    private final AtomicReference<Thread> loopThread = new AtomicReference<>();
    private final ExecutorService loopThreads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "loop");
        loopThread.set(t);
        return t;
    });
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "pool"));
    private final EventLoop loop = new EventLoop() {
        @Override
        public boolean inLoop() {
            return Thread.currentThread() == loopThread.get();
        }

        @Override
        public void execute(Runnable task) {
            loopThreads.execute(task);
        }
    };
    /** "task@thread" in the order the tasks ran. */
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        loopThreads.shutdownNow();
        pool.shutdownNow();
    }

    private Runnable record(String name) {
        return () -> ran.add(name + "@" + Thread.currentThread().getName()
                + (SerialExecutor.mayBlockHere() ? "" : "(no blocking)"));
    }

    /** Waits until the loop and then the pool have nothing left of what was submitted before. */
    private void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            loopThreads.submit(() -> { }).get(5, TimeUnit.SECONDS);
            pool.submit(() -> { }).get(5, TimeUnit.SECONDS);
            Thread.sleep(20);
        }
    }

    @Test
    void withoutALoopEveryTaskRunsOnThePoolInOrder() throws Exception {
        SerialExecutor mailbox = new SerialExecutor(pool);
        mailbox.executeNonBlocking(record("a"));
        mailbox.execute(record("b"));
        mailbox.executeNonBlocking(record("c"));
        settle();
        assertThat(ran).containsExactly("a@pool", "b@pool", "c@pool");
    }

    @Test
    void nonBlockingWorkTheLoopHandsToAnIdleMailboxRunsAtOnceOnTheLoop() throws Exception {
        SerialExecutor mailbox = new SerialExecutor(pool, loop);
        loopThreads.submit(() -> {
            mailbox.executeNonBlocking(record("inline"));
            ran.add("after submitting");
        }).get(5, TimeUnit.SECONDS);
        assertThat(ran).containsExactly("inline@loop(no blocking)", "after submitting");
    }

    @Test
    void nonBlockingWorkFromAnotherThreadGoesToTheLoop() throws Exception {
        SerialExecutor mailbox = new SerialExecutor(pool, loop);
        mailbox.executeNonBlocking(record("a"));
        settle();
        assertThat(ran).containsExactly("a@loop(no blocking)");
    }

    @Test
    void aTaskThatMayBlockMovesTheTurnToThePoolAndTheOrderHolds() throws Exception {
        SerialExecutor mailbox = new SerialExecutor(pool, loop);
        loopThreads.submit(() -> {
            mailbox.executeNonBlocking(() -> {
                record("a").run();
                mailbox.execute(record("b"));
                mailbox.executeNonBlocking(record("c"));
            });
        }).get(5, TimeUnit.SECONDS);
        settle();
        mailbox.executeNonBlocking(record("d"));
        settle();
        assertThat(ran).containsExactly("a@loop(no blocking)", "b@pool", "c@pool", "d@loop(no blocking)");
    }

    @Test
    void aContinuationRunsOnThePoolBeforeAnythingQueuedAfterIt() throws Exception {
        SerialExecutor mailbox = new SerialExecutor(pool, loop);
        loopThreads.submit(() -> {
            mailbox.executeNonBlocking(() -> {
                record("a").run();
                mailbox.executeNonBlocking(record("queued after a"));
                SerialExecutor.continueBlockingHere(record("rest of a"));
            });
        }).get(5, TimeUnit.SECONDS);
        settle();
        assertThat(ran).containsExactly("a@loop(no blocking)", "rest of a@pool", "queued after a@pool");
    }

    @Test
    void aContinuationIsOnlyForATaskOnTheLoop() throws Exception {
        assertThatThrownBy(() -> SerialExecutor.continueBlockingHere(() -> { }))
                .isInstanceOf(IllegalStateException.class);
        SerialExecutor mailbox = new SerialExecutor(pool, loop);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        mailbox.execute(() -> {
            try {
                SerialExecutor.continueBlockingHere(() -> { });
            } catch (IllegalStateException e) {
                thrown.set(e);
            }
        });
        settle();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTurnOnTheLoopNeverRunsAnotherMailboxInsideIt() throws Exception {
        SerialExecutor first = new SerialExecutor(pool, loop);
        SerialExecutor second = new SerialExecutor(pool, loop);
        loopThreads.submit(() -> first.executeNonBlocking(() -> {
            second.executeNonBlocking(record("second"));
            record("first, after handing over").run();
        })).get(5, TimeUnit.SECONDS);
        settle();
        assertThat(ran).containsExactly("first, after handing over@loop(no blocking)", "second@loop(no blocking)");
    }

    @Test
    void aTaskThatThrowsIsReportedAndTheNextOnesStillRun() throws Exception {
        SerialExecutor mailbox = new SerialExecutor(pool, loop);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        mailbox.onFailure(failures::add);
        loopThreads.submit(() -> {
            mailbox.executeNonBlocking(() -> {
                throw new IllegalStateException("broken");
            });
            mailbox.executeNonBlocking(record("next"));
        }).get(5, TimeUnit.SECONDS);
        settle();
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("broken");
        assertThat(ran).containsExactly("next@loop(no blocking)");
    }

    @Test
    void manyTasksFromManyThreadsRunOneAtATimeInEachSubmittersOrder() throws Exception {
        SerialExecutor mailbox = new SerialExecutor(pool, loop);
        int[] running = new int[1];
        List<Integer> overlaps = new CopyOnWriteArrayList<>();
        List<String> order = new CopyOnWriteArrayList<>();
        ExecutorService submitters = Executors.newFixedThreadPool(3);
        try {
            for (int s = 0; s < 3; s++) {
                int submitter = s;
                submitters.execute(() -> {
                    for (int i = 0; i < 500; i++) {
                        int n = i;
                        Runnable task = () -> {
                            if (++running[0] != 1) {
                                overlaps.add(running[0]);
                            }
                            order.add(submitter + ":" + n);
                            running[0]--;
                        };
                        if (n % 3 == 0) {
                            mailbox.execute(task);
                        } else {
                            mailbox.executeNonBlocking(task);
                        }
                    }
                });
            }
            submitters.shutdown();
            assertThat(submitters.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 50 && order.size() < 1500; i++) {
                settle();
            }
        } finally {
            submitters.shutdownNow();
        }
        assertThat(overlaps).isEmpty();
        assertThat(order).hasSize(1500);
        for (int s = 0; s < 3; s++) {
            String prefix = s + ":";
            assertThat(order.stream().filter(o -> o.startsWith(prefix)).map(o -> Integer.parseInt(o.substring(2))).toList())
                    .isSorted();
        }
    }
}
