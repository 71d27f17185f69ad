package io.missive.store;

import io.missive.config.StoreSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The group commit of a store: writes from every session queue up, and one writer thread hands
 * whatever has gathered, up to the batch size, to the store's batch write, so that concurrent
 * writes share one transaction. The batch write is called every turn, with an empty batch too,
 * so that a store can add what it gathers beside the queue, such as coalesced delivery cursors:
 * while the store has {@linkplain #GroupCommitWriter(String, ThreadFactory, StoreSettings, Consumer, BooleanSupplier)
 * gathered} something the writer turns at least every {@value #TURN_MILLIS} ms, and once more on stop. An idle
 * writer sleeps until a write or the store's {@link #wake} comes (at most {@value #IDLE_MILLIS} ms): an idle
 * server spends nothing on turns that find nothing.
 *
 * <p>The queue is bounded twice: by the number of writes ({@code missive.store.queue-capacity})
 * and by the bytes of payload they hold ({@code missive.store.queue-max-bytes}), so that a few
 * publishers of large payloads cannot fill the heap while the database is slow. A write past
 * either bound is refused at once (its publisher gets the protocol's "not stored" answer); the
 * first refusal of a streak is logged ({@code MSV2007}). A write larger than the byte bound alone is
 * taken when nothing else is queued, so that the bound never refuses every write.
 *
 * <p>Under load a batch lingers ({@code missive.store.linger}): when more than one write queued up while
 * the last batch was written, the writer waits up to that long after taking them and adds what arrived
 * meanwhile. A commit costs PostgreSQL about the same whatever it carries (round trips, the WAL flush),
 * so fewer, fuller commits cost less per message. At a rate the database keeps up with one commit at a
 * time, at most one write waits behind a commit, and nothing lingers: the linger is paid only where it
 * buys fuller commits. (Judged by the last batch's size, a linger would keep itself going at a few
 * hundred writes a second, adding its wait to every message.)
 *
 * <p>A linger ends early once the batch holds as many writes as the fullest of the last
 * {@value #RECENT} batches (or a whole batch): waiting longer would not make it fuller than the load has
 * been making them. Clients that send their next write when the last is answered (an HTTP client with a
 * few connections, a publisher waiting for its acknowledgement) are all back well before the linger
 * passes, and their next commit no longer waits for the clock; writes that come at a steady rate of their
 * own seldom reach that mark early, and linger as long as before. The write that reaches it wakes the
 * writer: one wake-up in place of the linger's timer, none for the writes before it.
 */
final class GroupCommitWriter<T> {

    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());
    private static final long TURN_MILLIS = 20;
    private static final long IDLE_MILLIS = 1000;
    /** How many of the last batches' sizes a linger's early end looks at. */
    private static final int RECENT = 16;

    /** A queued write and the bytes of payload it holds. */
    private record Queued<T>(T item, long bytes) {
    }

    private final String name;
    private final BlockingQueue<Queued<T>> queue;
    private final int batchSize;
    private final long maxBytes;
    private final long lingerNanos;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Consumer<List<T>> write;
    private final BooleanSupplier gathered;
    private final long idleMillis;
    private final Thread writer;
    /** The writer waits without a turn due, until a write comes or {@link #wake}; a queue entry with no item wakes it. */
    private final AtomicBoolean asleep = new AtomicBoolean();
    private final Queued<T> wakeUp = new Queued<>(null, 0);
    /**
     * The last turn wrote nothing and found nothing gathered: only then may the writer sleep. Under load every
     * turn has something, so the writer never sleeps and an acknowledgement never has to wake it. Writer-confined.
     */
    private boolean quiet = true;
    private volatile boolean running;
    /** Whether a write was refused since the queue last drained: the refusal is logged once per streak. */
    private volatile boolean refusing;
    /** The sizes of the last {@value #RECENT} batches that had writes, in a ring. Writer-confined. */
    private final int[] recentSizes = new int[RECENT];
    private int recentNext;
    /** While the writer lingers, how many more writes end the linger; 0 otherwise. */
    private volatile int lingerNeeds;
    /** Writes offered since the linger began. */
    private final AtomicInteger lingerArrivals = new AtomicInteger();

    /**
     * @param write writes one batch in one transaction and tells its waiters; never throws
     */
    GroupCommitWriter(String threadName, ThreadFactory threads, StoreSettings settings, Consumer<List<T>> write) {
        this(threadName, threads, settings, write, () -> false);
    }

    /**
     * @param write    writes one batch in one transaction, with what the store gathered beside the queue,
     *                 and tells its waiters; never throws
     * @param gathered whether the store holds something for the next turn beside the queue; once it gathers
     *                 something new it calls {@link #wake}
     */
    GroupCommitWriter(String threadName, ThreadFactory threads, StoreSettings settings, Consumer<List<T>> write,
                      BooleanSupplier gathered) {
        this(threadName, threads, settings, write, gathered, IDLE_MILLIS);
    }

    /** @param idleMillis how long an idle writer sleeps at most; tests make it long */
    GroupCommitWriter(String threadName, ThreadFactory threads, StoreSettings settings, Consumer<List<T>> write,
                      BooleanSupplier gathered, long idleMillis) {
        this.name = threadName;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.batchSize = settings.batchSize();
        this.maxBytes = settings.queueMaxBytes();
        this.lingerNanos = settings.linger().toNanos();
        this.write = write;
        this.gathered = gathered;
        this.idleMillis = idleMillis;
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

    /** Queues a write without payload; false when the queue is full or the writer stopped. Never blocks. */
    boolean offer(T item) {
        return offer(item, 0);
    }

    /**
     * Queues a write holding {@code bytes} of payload; false when the queue is full (in writes or in
     * bytes) or the writer stopped. Never blocks.
     */
    boolean offer(T item, long bytes) {
        if (!running) {
            return false;
        }
        long after = queuedBytes.addAndGet(bytes);
        if (after > maxBytes && after != bytes) {
            queuedBytes.addAndGet(-bytes);
            refused(after - bytes, StoreSettings.QUEUE_MAX_BYTES + " = " + maxBytes);
            return false;
        }
        if (!queue.offer(new Queued<>(item, bytes))) {
            queuedBytes.addAndGet(-bytes);
            refused(after - bytes, StoreSettings.QUEUE_CAPACITY + " = " + (queue.size() + queue.remainingCapacity()));
            return false;
        }
        // the mark is read again after the count: a linger that lowered it meanwhile is woken all the same
        if (lingerNeeds > 0 && lingerArrivals.incrementAndGet() >= lingerNeeds) {
            LockSupport.unpark(writer);   // a stale wake-up is harmless: the writer checks again
        }
        return true;
    }

    /**
     * The store gathered something beside the queue: a writer asleep turns within {@value #TURN_MILLIS} ms.
     * Any thread; costs a volatile read unless the writer sleeps.
     */
    void wake() {
        if (asleep.get() && asleep.compareAndSet(true, false)) {
            queue.offer(wakeUp);   // a full queue wakes it anyway
        }
    }

    /** Bytes of payload queued now, the batch being written included. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    private void refused(long bytes, String bound) {
        if (!refusing) {
            refusing = true;
            LOG.warning(() -> "MSV2007 The write queue of " + name + " is full (" + queue.size() + " writes, " + bytes
                    + " bytes of payload; " + bound + "): writes are refused until it drains");
        }
    }

    /** Writes queued and not yet taken by the writer. */
    int waiting() {
        return queue.size();
    }

    private void writeLoop() {
        List<Queued<T>> taken = new ArrayList<>(batchSize);
        List<T> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Queued<T> first = take();
                if (first != null) {
                    taken.add(first);
                    queue.drainTo(taken, batchSize - 1);
                    if (lingerNanos > 0 && taken.size() > 1 && taken.size() < batchSize && running) {
                        linger(taken.size());
                        queue.drainTo(taken, batchSize - taken.size());
                    }
                }
            } catch (InterruptedException e) {
                if (running) {
                    continue;
                }
                queue.drainTo(taken);
            }
            long bytes = 0;
            quiet = taken.isEmpty() && !gathered.getAsBoolean();
            for (Queued<T> q : taken) {
                if (q != wakeUp) {
                    batch.add(q.item());
                    bytes += q.bytes();
                }
            }
            write.accept(batch);
            queuedBytes.addAndGet(-bytes);   // held until written: the batch is in memory until then
            if (!batch.isEmpty()) {
                recentSizes[recentNext] = batch.size();
                recentNext = (recentNext + 1) % RECENT;
            }
            batch.clear();
            taken.clear();
            if (refusing && queue.isEmpty()) {
                refusing = false;
            }
        }
        write.accept(List.of());
    }

    /**
     * Waits up to the linger for more writes, until the batch would hold as many as the fullest recent one.
     * Writes offered between the writer's drain and its count are counted twice at worst: the linger may
     * end a write or two short of the mark, never later than its time.
     */
    private void linger(int taken) {
        int mark = batchSize;
        if (recentSizes[RECENT - 1] > 0) {   // until 16 batches were written, a linger takes its whole time
            mark = 0;
            for (int size : recentSizes) {
                mark = Math.max(mark, size);
            }
        }
        int needs = Math.min(mark, batchSize) - taken;
        if (needs <= 0) {
            return;
        }
        long deadline = System.nanoTime() + lingerNanos;
        lingerArrivals.set(0);
        lingerNeeds = needs;   // counting from here; the writes already queued lower the mark below
        int more = needs - queue.size();
        if (more > 0) {
            lingerNeeds = more;
            long left;
            while (lingerArrivals.get() < more && running && (left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, left);
            }
        }
        lingerNeeds = 0;
    }

    /**
     * The next write, or null when the turn is due without one. While the store has gathered something,
     * the turn comes within {@value #TURN_MILLIS} ms (the next write may come sooner and share it), and so
     * it does after a turn that had anything. After a {@linkplain #quiet quiet} turn, with nothing gathered,
     * the writer sleeps until a write comes; a {@link #wake} turns the sleep into the
     * turn's wait, so that what was gathered still waits for company, as under load. Asleep is set before
     * the store is asked, and the store gathers before it reads asleep: one of the two sees the other.
     */
    private Queued<T> take() throws InterruptedException {
        if (running && quiet) {
            asleep.set(true);
            try {
                if (!gathered.getAsBoolean()) {
                    Queued<T> next = queue.poll(idleMillis, TimeUnit.MILLISECONDS);
                    if (next != wakeUp) {
                        return next;
                    }
                }
            } finally {
                asleep.set(false);
            }
        }
        Queued<T> next = queue.poll(TURN_MILLIS, TimeUnit.MILLISECONDS);
        return next == wakeUp ? null : next;
    }
}
