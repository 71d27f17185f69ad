package io.missive.store;

import io.missive.core.model.MemberSet;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Member sets (a group's members, a channel's subscribers) cached for the delivery path, which
 * reads them for every message. A change evicts its entry once its transaction has committed;
 * a load that raced with an eviction is answered but not cached, so the cache never keeps a
 * set older than the last committed change.
 */
final class MemberSetCache {

    private final ConcurrentHashMap<Long, MemberSet> cache = new ConcurrentHashMap<>();
    private final AtomicLong evictions = new AtomicLong();

    /** The cached set, else what {@code load} answers (empty: no such group or channel, not cached). */
    Optional<MemberSet> get(long id, LongFunction<Optional<MemberSet>> load) {
        MemberSet cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        long generation = evictions.get();
        Optional<MemberSet> loaded = load.apply(id);
        if (loaded.isPresent() && evictions.get() == generation) {
            cache.putIfAbsent(id, loaded.get());
        }
        return loaded;
    }

    void evict(long id) {
        evictions.incrementAndGet();
        cache.remove(id);
    }
}
