package io.missive.cluster.payara;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class GridRejoinTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicInteger searches = new AtomicInteger();
    private final GridRejoin rejoin = new GridRejoin(Duration.ofSeconds(10), now::get, searches::incrementAndGet,
            Runnable::run);

    private void after(long seconds, int members, boolean master) {
        now.addAndGet(seconds * 1000);
        rejoin.check(members, master);
    }

    @Test
    void aGridThatNeverShrinksIsNeverSearched() {
        for (int members : new int[] {1, 2, 3, 3, 3}) {
            after(20, members, true);
        }
        assertThat(searches).hasValue(0);
    }

    @Test
    void theMasterOfASmallerSideSearchesOnceThePatienceIsOverAndAgainEachPeriod() {
        after(0, 3, false);
        after(2, 1, true);    // alone from here
        after(8, 1, true);
        assertThat(searches).as("8 s alone").hasValue(0);
        after(2, 1, true);
        assertThat(searches).as("10 s alone").hasValue(1);
        after(2, 1, true);
        assertThat(searches).as("the next search waits a period").hasValue(1);
        after(8, 1, true);
        assertThat(searches).hasValue(2);
    }

    @Test
    void aMemberThatIsNotTheMasterLeavesTheSearchToItsMaster() {
        after(0, 3, true);
        after(2, 2, false);
        after(30, 2, false);
        assertThat(searches).hasValue(0);
    }

    @Test
    void theWholeGridBackEndsTheSpellAndASecondSplitWaitsThePatienceAgain() {
        after(0, 3, false);
        after(2, 1, true);
        after(10, 1, true);
        assertThat(searches).hasValue(1);
        after(2, 3, false);   // merged back
        after(2, 1, true);
        after(9, 1, true);
        assertThat(searches).as("a new spell starts its own wait").hasValue(1);
        after(1, 1, true);
        assertThat(searches).hasValue(2);
    }

    @Test
    void aGridWithoutTheSearchSaysSoOnceAndStopsAsking() {
        List<String> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(GridRejoin.class.getName());
        logger.addHandler(handler);
        try {
            AtomicInteger tries = new AtomicInteger();
            GridRejoin withoutSearch = new GridRejoin(Duration.ofSeconds(10), now::get, () -> {
                tries.incrementAndGet();
                throw new NoClassDefFoundError("com/hazelcast/instance/impl/Node");
            }, Runnable::run);
            withoutSearch.check(3, false);
            now.addAndGet(2000);
            withoutSearch.check(1, true);
            for (int i = 0; i < 5; i++) {
                now.addAndGet(10_000);
                withoutSearch.check(1, true);
            }
            assertThat(tries).hasValue(1);
            assertThat(warnings).filteredOn(w -> w.startsWith("MSV6014")).hasSize(1);
            assertThat(warnings).filteredOn(w -> w.startsWith("MSV6013")).hasSize(1);
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void aFailedSearchIsTriedAgainNextPeriod() {
        AtomicInteger tries = new AtomicInteger();
        GridRejoin failing = new GridRejoin(Duration.ofSeconds(10), now::get, () -> {
            tries.incrementAndGet();
            throw new IllegalStateException("grid shutting down");
        }, Runnable::run);
        failing.check(2, true);
        now.addAndGet(1000);
        failing.check(1, true);
        for (int i = 0; i < 3; i++) {
            now.addAndGet(10_000);
            failing.check(1, true);
        }
        assertThat(tries).hasValue(3);
    }

    @Test
    void aSearchStillUnderWayIsNotStartedAgain() {
        List<Runnable> started = new ArrayList<>();
        GridRejoin slow = new GridRejoin(Duration.ofSeconds(10), now::get, searches::incrementAndGet, started::add);
        slow.check(3, true);
        now.addAndGet(1000);
        slow.check(1, true);
        for (int i = 0; i < 3; i++) {
            now.addAndGet(10_000);
            slow.check(1, true);
        }
        assertThat(started).as("one search handed over while none finished").hasSize(1);
        started.get(0).run();
        now.addAndGet(10_000);
        slow.check(1, true);
        assertThat(started).as("the next once the first is done").hasSize(2);
        assertThat(searches).hasValue(1);
    }
}
