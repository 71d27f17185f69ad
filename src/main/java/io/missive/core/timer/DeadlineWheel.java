package io.missive.core.timer;

import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches many deadlines with one periodic {@link #advance}, in time proportional to the deadlines
 * that come due, not to the connections held. A deadline is filed in the slot of the 100 ms tick it
 * falls in, on a wheel of {@value #SLOTS} slots; each advance visits only the slots whose ticks have
 * come. Moving a deadline later costs nothing: when its old slot comes, the wheel finds the deadline
 * moved and files it again. Moving it earlier files it again at once (through a queue the advance
 * drains). A deadline fires at the first advance at or after it, as exactly as advances come.
 *
 * <p>{@link #advance} runs on one thread at a time (the container's scheduled executor, or a test's
 * hand); {@link Deadline#set} and {@link Deadline#cancel} on any thread.
 */
public final class DeadlineWheel {

    private static final Logger LOG = Logger.getLogger(DeadlineWheel.class.getName());
    static final int SLOTS = 1024;
    static final long TICK_MILLIS = 100;
    private static final long NONE = Long.MIN_VALUE;

    private final Queue<Deadline> toFile = new ConcurrentLinkedQueue<>();
    private final AtomicInteger live = new AtomicInteger();

    // --- confined to the advancing thread ---
    @SuppressWarnings("unchecked")
    private final ArrayList<Deadline>[] slots = new ArrayList[SLOTS];
    /** The first tick whose slot has not been visited for good; the current tick's is visited at each advance. */
    private long nextTick = NONE;
    /** The tick of the advance under way: always visited, in this advance or the next. */
    private long nowTick;
    /** Deadlines looked at by advances so far: what the wheel's work is proportional to. */
    private long lookedAt;
    /** Marks an entry handled in one slot visit, so that a second copy of it in the same slot is dropped. */
    private long visit;

    /** A deadline for {@code owner}, none set yet ({@link Long#MAX_VALUE}); counts in {@link #size} until cancelled. */
    public Deadline watch(Tickable owner) {
        live.incrementAndGet();
        return new Deadline(this, owner);
    }

    /** Deadlines watched and not cancelled. */
    public int size() {
        return live.get();
    }

    /** Deadlines the advances have looked at so far, each time one's slot came: for tests of the wheel's cost. */
    synchronized long lookedAt() {
        return lookedAt;
    }

    void earlier(Deadline deadline) {
        toFile.add(deadline);
    }

    void cancelled() {
        live.decrementAndGet();
    }

    /** Fires every deadline at or before {@code nowMillis}. */
    public synchronized void advance(long nowMillis) {
        long now = Math.floorDiv(nowMillis, TICK_MILLIS);
        nowTick = now;
        if (nextTick == NONE) {
            nextTick = now;
        } else if (now - nextTick >= SLOTS) {
            refileAll(now);   // a jump of more than a turn: each deadline is looked at once, not each tick
        }
        for (Deadline deadline = toFile.poll(); deadline != null; deadline = toFile.poll()) {
            long at = deadline.at();
            if (deadline.owner() != null && at != Long.MAX_VALUE) {
                file(deadline, Math.max(Math.floorDiv(at, TICK_MILLIS), nextTick));
            }
        }
        for (long tick = nextTick; tick <= now; tick++) {
            visit(tick, nowMillis);
        }
        nextTick = Math.max(nextTick, now);   // the current tick is visited again until it has passed
    }

    private void visit(long tick, long nowMillis) {
        int index = (int) (tick & (SLOTS - 1));
        ArrayList<Deadline> slot = slots[index];
        if (slot == null || slot.isEmpty()) {
            return;
        }
        slots[index] = null;
        long stamp = ++visit;
        ArrayList<Deadline> kept = null;
        lookedAt += slot.size();
        for (Deadline deadline : slot) {
            if (deadline.visited == stamp || deadline.owner() == null || deadline.filedTick < tick
                    || (deadline.filedTick & (SLOTS - 1)) != index) {
                continue;   // a second copy, cancelled, or filed elsewhere since
            }
            deadline.visited = stamp;
            if (deadline.filedTick > tick) {
                kept = keep(kept, deadline);   // a later turn of the wheel
                continue;
            }
            long at = deadline.at();
            if (at <= nowMillis) {
                deadline.filedTick = NONE;
                fire(deadline, at, nowMillis);
            } else if (at == Long.MAX_VALUE) {
                deadline.filedTick = NONE;   // none now: the owner's next set files it
            } else if (Math.floorDiv(at, TICK_MILLIS) == tick) {
                kept = keep(kept, deadline);   // later in the current tick
            } else {
                file(deadline, Math.floorDiv(at, TICK_MILLIS));
            }
        }
        if (kept != null) {
            ArrayList<Deadline> filedMeanwhile = slots[index];
            if (filedMeanwhile != null) {
                kept.addAll(filedMeanwhile);
            }
            slots[index] = kept;
        }
    }

    private void refileAll(long now) {
        ArrayList<Deadline> all = new ArrayList<>();
        long stamp = ++visit;
        for (int i = 0; i < SLOTS; i++) {
            if (slots[i] != null) {
                for (Deadline deadline : slots[i]) {
                    if (deadline.visited != stamp && deadline.filedTick != NONE
                            && (deadline.filedTick & (SLOTS - 1)) == i) {
                        deadline.visited = stamp;
                        all.add(deadline);
                    }
                }
                slots[i] = null;
            }
        }
        nextTick = now;
        for (Deadline deadline : all) {
            deadline.filedTick = NONE;
            toFile.add(deadline);
        }
    }

    private static ArrayList<Deadline> keep(ArrayList<Deadline> kept, Deadline deadline) {
        ArrayList<Deadline> list = kept != null ? kept : new ArrayList<>();
        list.add(deadline);
        return list;
    }

    private void file(Deadline deadline, long tick) {
        if (deadline.filedTick == tick) {
            return;   // there already
        }
        deadline.filedTick = tick;
        int index = (int) (tick & (SLOTS - 1));
        ArrayList<Deadline> slot = slots[index];
        if (slot == null) {
            slot = new ArrayList<>();
            slots[index] = slot;
        }
        slot.add(deadline);
    }

    private void fire(Deadline deadline, long at, long nowMillis) {
        Tickable owner = deadline.owner();
        if (!deadline.clear(at)) {
            long next = deadline.at();   // the owner set another meanwhile: it stands, filed as any other
            if (next != Long.MAX_VALUE) {
                file(deadline, Math.max(Math.floorDiv(next, TICK_MILLIS), nowTick));
            }
        }
        try {
            owner.fire(nowMillis);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV1008 A deadline handler failed", e);
        }
    }
}
