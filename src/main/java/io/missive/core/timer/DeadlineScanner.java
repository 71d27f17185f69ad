package io.missive.core.timer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches many deadlines with one periodic scan. Reading a volatile field per connection a
 * few times a second costs far less than a scheduled task per connection, and keeps idle
 * connections small.
 */
public final class DeadlineScanner {

    private static final Logger LOG = Logger.getLogger(DeadlineScanner.class.getName());

    private final Set<Tickable> watched = ConcurrentHashMap.newKeySet();

    public void watch(Tickable tickable) {
        watched.add(tickable);
    }

    public void forget(Tickable tickable) {
        watched.remove(tickable);
    }

    public int size() {
        return watched.size();
    }

    /** Fires every tickable whose deadline is at or before {@code nowMillis}. */
    public void scan(long nowMillis) {
        for (Tickable tickable : watched) {
            if (tickable.deadline() <= nowMillis) {
                try {
                    tickable.fire(nowMillis);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "MSV1008 A deadline handler failed", e);
                }
            }
        }
    }
}
