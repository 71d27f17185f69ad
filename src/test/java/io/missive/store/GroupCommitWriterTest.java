package io.missive.store;

import io.missive.config.StoreSettings;
import io.missive.protocol.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: the store's write queue is bounded in bytes of payload as well as in writes, so that a few
 * publishers of large payloads cannot fill the heap while the database is slow.
 */
class GroupCommitWriterTest {

    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch databaseBack = new CountDownLatch(1);
    final List<String> written = new CopyOnWriteArrayList<>();
    final LogCapture log = new LogCapture(GroupCommitWriter.class);
    GroupCommitWriter<String> writer;

    @AfterEach
    void stop() {
        databaseBack.countDown();
        if (writer != null) {
            writer.stop();
        }
        log.close();
    }

    /** A writer whose first batch waits for {@link #databaseBack}: a slow database. */
    GroupCommitWriter<String> writer(int capacity, long maxBytes) throws InterruptedException {
        writer = new GroupCommitWriter<>("test-writer", Thread::new, new StoreSettings(1, capacity, maxBytes), batch -> {
            if (!batch.isEmpty()) {
                entered.countDown();
                try {
                    databaseBack.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.addAll(batch);
            }
        });
        writer.start();
        assertThat(writer.offer("first", 100)).isTrue();
        assertThat(entered.await(30, TimeUnit.SECONDS)).as("the writer took the first write").isTrue();
        return writer;
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 3_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    @DisplayName("past queue-max-bytes (the batch being written included) a write is refused, with one MSV2007 line;"
            + " once written, writes are taken again")
    void pastTheByteBoundWritesAreRefused() throws InterruptedException {
        writer(1_000, 1_000);
        assertThat(writer.offer("b", 400)).isTrue();
        assertThat(writer.offer("c", 400)).isTrue();
        assertThat(writer.offer("d", 200)).as("1,100 bytes would be queued").isFalse();
        assertThat(writer.offer("e", 101)).isFalse();
        assertThat(writer.offer("f", 100)).as("exactly the bound").isTrue();
        assertThat(writer.queuedBytes()).isEqualTo(1_000);
        assertThat(log.messages(Level.WARNING)).singleElement().asString()
                .startsWith("MSV2007 The write queue of test-writer is full")
                .contains("missive.store.queue-max-bytes = 1000");

        databaseBack.countDown();
        await(() -> writer.queuedBytes() == 0);
        assertThat(written).containsExactly("first", "b", "c", "f");
        assertThat(writer.offer("d", 200)).isTrue();
        await(() -> written.contains("d"));
    }

    @Test
    @DisplayName("an idle writer sleeps: no turn comes while nothing is queued or gathered; a write still wakes it at once")
    void anIdleWriterSleeps() throws InterruptedException {
        AtomicInteger turns = new AtomicInteger();
        writer = new GroupCommitWriter<>("test-writer", Thread::new, new StoreSettings(1, 1_000, 1_000), batch -> {
            turns.incrementAndGet();
            written.addAll(batch);
        }, () -> false, 60_000);
        writer.start();
        Thread.sleep(300);
        assertThat(turns.get()).as("turns in 300 ms with nothing to do (every 20 ms: about 15)").isZero();
        assertThat(writer.offer("a", 1)).isTrue();
        await(() -> written.contains("a"));
    }

    @Test
    @DisplayName("what the store gathers beside the queue (cursors) wakes a sleeping writer, which turns for it")
    void whatIsGatheredWakesTheWriter() throws InterruptedException {
        AtomicBoolean gathered = new AtomicBoolean();
        AtomicInteger cursorsWritten = new AtomicInteger();
        writer = new GroupCommitWriter<>("test-writer", Thread::new, new StoreSettings(1, 1_000, 1_000), batch -> {
            if (gathered.compareAndSet(true, false)) {
                cursorsWritten.incrementAndGet();   // the store writes its cursors in this turn
            }
        }, gathered::get, 60_000);
        writer.start();
        Thread.sleep(100);   // asleep by now, for up to a minute
        for (int i = 1; i <= 3; i++) {
            gathered.set(true);
            writer.wake();
            int expected = i;
            await(() -> cursorsWritten.get() == expected);
        }
    }

    @Test
    @DisplayName("a write larger than the bound alone is taken when nothing else is queued, and then nothing else is")
    void aWriteLargerThanTheBoundIsTakenAlone() throws InterruptedException {
        writer = new GroupCommitWriter<>("test-writer", Thread::new, new StoreSettings(1, 1_000, 1_000), written::addAll);
        writer.start();
        assertThat(writer.offer("huge", 5_000)).isTrue();
        await(() -> writer.queuedBytes() == 0);
        assertThat(written).containsExactly("huge");
    }

    @Test
    @DisplayName("the count bound stays: past queue-capacity writes without payload are refused too")
    void theCountBoundStays() throws InterruptedException {
        writer(2, 1_000_000);
        assertThat(writer.offer("cursor-1")).isTrue();
        assertThat(writer.offer("cursor-2")).isTrue();
        assertThat(writer.offer("cursor-3")).isFalse();
        assertThat(log.messages(Level.WARNING)).singleElement().asString().contains("missive.store.queue-capacity = 2");
    }

    @Test
    @DisplayName("under load (more than one write queued up behind a commit) a batch waits missive.store.linger for"
            + " more; a write alone behind a commit, or one at a time, is written at once")
    void underLoadABatchLingersForMoreWrites() throws InterruptedException {
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        writer = new GroupCommitWriter<>("test-writer", Thread::new,
                new StoreSettings(100, 1_000, 1_000_000, java.time.Duration.ofSeconds(1)), batch -> {
            if (!batch.isEmpty()) {
                batches.add(List.copyOf(batch));
                if (batch.contains("first")) {
                    entered.countDown();
                    try {
                        databaseBack.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        writer.start();
        long start = System.nanoTime();
        writer.offer("first", 1);
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("alone: no linger").isLessThan(900);
        writer.offer("b", 1);
        writer.offer("c", 1);
        databaseBack.countDown();
        await(() -> writer.waiting() == 0);   // taken: two queued up behind the commit, so it lingers
        writer.offer("d", 1);
        await(() -> batches.size() == 2);

        start = System.nanoTime();
        writer.offer("e", 1);
        await(() -> batches.size() == 3);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .as("one write after a full batch: no linger").isLessThan(900);

        assertThat(batches).containsExactly(List.of("first"), List.of("b", "c", "d"), List.of("e"));
    }
    @Test
    @DisplayName("a linger ends once the batch holds as many writes as the fullest of the last 16 batches: clients"
            + " that write again when answered are all back before the linger's time")
    void aLingerEndsOnceTheBatchIsAsFullAsRecentOnes() throws InterruptedException {
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        java.util.concurrent.Semaphore commits = new java.util.concurrent.Semaphore(0);
        writer = new GroupCommitWriter<>("test-writer", Thread::new,
                new StoreSettings(100, 1_000, 1_000_000, java.time.Duration.ofSeconds(1)), batch -> {
            if (!batch.isEmpty()) {
                if (batch.get(0).startsWith("hold")) {   // a slow commit, while the next writes queue up
                    commits.acquireUninterruptibly();
                }
                batches.add(List.copyOf(batch));
            }
        });
        writer.start();
        for (int i = 0; i < 15; i++) {   // one at a time: no linger
            writer.offer("single-" + i, 1);
            int written = i + 1;
            await(() -> batches.size() == written);
        }
        writer.offer("hold-1", 1);
        await(() -> writer.waiting() == 0);
        writer.offer("a", 1);
        writer.offer("b", 1);
        writer.offer("c", 1);
        long start = System.nanoTime();
        commits.release();
        await(() -> batches.size() == 17);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .as("already as full as the last 16 batches: no linger").isLessThan(800);
        assertThat(batches.get(16)).containsExactly("a", "b", "c");

        writer.offer("hold-2", 1);
        await(() -> writer.waiting() == 0);
        writer.offer("x", 1);
        writer.offer("y", 1);
        commits.release();
        await(() -> writer.waiting() == 0);   // x and y taken; the fullest recent batch held three
        start = System.nanoTime();
        writer.offer("z", 1);
        await(() -> batches.size() == 19);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .as("the third write ends the linger, well before its 1 s").isLessThan(800);
        assertThat(batches.get(18)).containsExactly("x", "y", "z");
    }
}
