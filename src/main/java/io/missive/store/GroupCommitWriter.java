package io.missive.store;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The group commit of a store: writes from every session queue up, and one writer thread hands
 * whatever has gathered, up to the batch size, to the store's batch write, so that concurrent
 * writes share one transaction. The batch write is called every turn, with an empty batch too
 * (at least every {@value #TURN_MILLIS} ms, and once more on stop), so that a store can add what it
 * gathers beside the queue, such as coalesced delivery cursors.
 */
final class GroupCommitWriter<T> {

    private static final long TURN_MILLIS = 20;

    private final BlockingQueue<T> queue;
    private final int batchSize;
    private final Consumer<List<T>> write;
    private final Thread writer;
    private volatile boolean running;

    /**
     * @param write writes one batch in one transaction and tells its waiters; never throws
     */
    GroupCommitWriter(String threadName, ManagedThreadFactory threads, int capacity, int batchSize,
                      Consumer<List<T>> write) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.write = write;
        this.writer = threads.newThread(this::writeLoop);
        writer.setName(threadName);
    }

    void start() {
        running = true;
        writer.start();
    }

    /** Writes what is queued, then ends the writer (waiting at most 10 s). */
    void stop() {
        running = false;
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isRunning() {
        return running;
    }

    /** Queues a write; false when the queue is full or the writer stopped. Never blocks. */
    boolean offer(T item) {
        return running && queue.offer(item);
    }

    private void writeLoop() {
        List<T> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                T first = queue.poll(TURN_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                }
            } catch (InterruptedException e) {
                if (running) {
                    continue;
                }
                queue.drainTo(batch);
            }
            write.accept(batch);
            batch.clear();
        }
        write.accept(List.of());
    }
}
