package io.missive.store;

import io.missive.core.model.MemberSet;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MemberSetCacheTest {

    private final MemberSetCache cache = new MemberSetCache();
    private final AtomicInteger loads = new AtomicInteger();

    private Optional<MemberSet> load(long id) {
        loads.incrementAndGet();
        return Optional.of(MemberSet.of(id, id + 1));
    }

    @Test
    void aSetIsReadOnceUntilItChanges() {
        cache.get(1, this::load);
        cache.get(1, this::load);
        assertThat(loads).hasValue(1);

        cache.evict(1);
        assertThat(cache.get(1, this::load)).hasValueSatisfying(set -> assertThat(set.contains(2)).isTrue());
        assertThat(loads).hasValue(2);
    }

    @Test
    void aLoadRacingWithAChangeOfItsSetIsAnsweredButNotCached() {
        cache.get(1, id -> {
            cache.evict(1);   // a change commits while the set is read
            return load(id);
        });
        cache.get(1, this::load);
        assertThat(loads).as("read again: the racing load was not kept").hasValue(2);
    }

    @Test
    void changesOfOneSetDoNotKeepAnotherCold() {
        cache.get(2, id -> {
            cache.evict(1);   // another group's join/leave loop
            return load(id);
        });
        cache.get(2, this::load);
        assertThat(loads).as("group 2 stays cached").hasValue(1);
    }
}
