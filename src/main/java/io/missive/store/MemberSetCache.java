package io.missive.store;

import io.missive.core.model.MemberSet;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Member sets (a group's members, a channel's subscribers) cached for the delivery path, which
 * reads them for every message. A change evicts its entry once its transaction has committed;
 * a load that raced with an eviction of the same set is answered but not cached, so the cache never
 * keeps a set older than the last committed change. Evictions count per set: a join/leave loop on one
 * group keeps that group's set cold, not every other one.
 */
final class MemberSetCache {

    private final ConcurrentHashMap<Long, MemberSet> cache = new ConcurrentHashMap<>();
    /** Evictions per set so far: a counter per group or channel that ever changed while this node ran. */
    private final ConcurrentHashMap<Long, Long> evictions = new ConcurrentHashMap<>();

    /** The cached set, else what {@code load} answers (empty: no such group or channel, not cached). */
    Optional<MemberSet> get(long id, LongFunction<Optional<MemberSet>> load) {
        MemberSet cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        long generation = evictions.getOrDefault(id, 0L);
        Optional<MemberSet> loaded = load.apply(id);
        // cached only if no eviction of this set came while it was read
        loaded.ifPresent(set -> evictions.compute(id, (key, now) -> {
            if ((now == null ? 0L : now) == generation) {
                cache.putIfAbsent(id, set);
            }
            return now;
        }));
        return loaded;
    }

    /** The cached set, without reading; empty when it is not cached. */
    Optional<MemberSet> peek(long id) {
        return Optional.ofNullable(cache.get(id));
    }

    void evict(long id) {
        evictions.merge(id, 1L, Long::sum);
        cache.remove(id);
    }
}
