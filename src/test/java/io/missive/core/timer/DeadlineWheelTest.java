package io.missive.core.timer;

import io.missive.protocol.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/** When the wheel fires a deadline, and that an advance looks at what comes due, not at everything held. */
class DeadlineWheelTest {

    private static final long START = 1_700_000_000_000L;

    private final DeadlineWheel wheel = new DeadlineWheel();
    private final LogCapture log = new LogCapture(DeadlineWheel.class);

    @AfterEach
    void closeLog() {
        log.close();
    }

    /** Records when it fired. */
    private static final class Owner implements Tickable {
        final List<Long> fired = new ArrayList<>();

        @Override
        public void fire(long nowMillis) {
            fired.add(nowMillis);
        }
    }

    private Deadline watchAt(Owner owner, long at) {
        Deadline deadline = wheel.watch(owner);
        deadline.set(at);
        return deadline;
    }

    @Test
    @DisplayName("a deadline fires at the first advance at or after it, to the millisecond, and is then cleared")
    void firesAtTheFirstAdvanceAtOrAfterIt() {
        Owner owner = new Owner();
        wheel.advance(START);
        Deadline deadline = watchAt(owner, START + 250);
        wheel.advance(START + 100);
        wheel.advance(START + 249);
        assertThat(owner.fired).isEmpty();
        wheel.advance(START + 250);
        assertThat(owner.fired).containsExactly(START + 250);
        assertThat(deadline.at()).isEqualTo(Long.MAX_VALUE);
        wheel.advance(START + 10_000);
        assertThat(owner.fired).hasSize(1);
    }

    @Test
    @DisplayName("a deadline moved later fires at the new time, not the old")
    void movedLater() {
        Owner owner = new Owner();
        wheel.advance(START);
        Deadline deadline = watchAt(owner, START + 200);
        wheel.advance(START + 100);
        deadline.set(START + 5_000);
        wheel.advance(START + 300);
        wheel.advance(START + 4_999);
        assertThat(owner.fired).isEmpty();
        wheel.advance(START + 5_000);
        assertThat(owner.fired).containsExactly(START + 5_000);
    }

    @Test
    @DisplayName("a deadline moved earlier fires at the earlier time, though it was filed a turn of the wheel away")
    void movedEarlier() {
        Owner owner = new Owner();
        wheel.advance(START);
        Deadline deadline = watchAt(owner, START + 500_000);
        wheel.advance(START + 100);
        deadline.setEarlier(START + 700);
        deadline.setEarlier(START + 900);   // not earlier: ignored
        wheel.advance(START + 600);
        assertThat(owner.fired).isEmpty();
        wheel.advance(START + 700);
        assertThat(owner.fired).containsExactly(START + 700);
        wheel.advance(START + 600_000);
        assertThat(owner.fired).as("the old filing does not fire it again").hasSize(1);
    }

    @Test
    @DisplayName("a deadline more than a turn of the wheel away fires at its time, not at the first turn")
    void beyondATurn() {
        Owner owner = new Owner();
        long turn = DeadlineWheel.SLOTS * DeadlineWheel.TICK_MILLIS;
        wheel.advance(START);
        watchAt(owner, START + 2 * turn + 50);
        for (long now = START; now < START + 2 * turn + 50; now += 100) {
            wheel.advance(now);
        }
        assertThat(owner.fired).isEmpty();
        wheel.advance(START + 2 * turn + 50);
        assertThat(owner.fired).containsExactly(START + 2 * turn + 50);
    }

    @Test
    @DisplayName("after a jump of more than a turn (a paused machine), what came due fires at once and the rest later")
    void jump() {
        Owner due = new Owner();
        Owner later = new Owner();
        wheel.advance(START);
        watchAt(due, START + 1_000);
        watchAt(later, START + 3_000_000);
        wheel.advance(START + 2_000_000);
        assertThat(due.fired).containsExactly(START + 2_000_000);
        assertThat(later.fired).isEmpty();
        wheel.advance(START + 3_000_000);
        assertThat(later.fired).containsExactly(START + 3_000_000);
    }

    @Test
    @DisplayName("a cancelled deadline never fires and stops counting; cancelling twice counts once")
    void cancelled() {
        Owner owner = new Owner();
        wheel.advance(START);
        Deadline deadline = watchAt(owner, START + 100);
        Deadline other = watchAt(new Owner(), Long.MAX_VALUE);
        assertThat(wheel.size()).isEqualTo(2);
        deadline.cancel();
        deadline.cancel();
        deadline.set(START + 50);
        assertThat(wheel.size()).isEqualTo(1);
        wheel.advance(START + 1_000);
        assertThat(owner.fired).isEmpty();
        other.cancel();
        assertThat(wheel.size()).isZero();
    }

    @Test
    @DisplayName("an owner may set its next deadline while it fires")
    void setWhileFiring() {
        List<Long> fired = new ArrayList<>();
        Deadline[] deadline = new Deadline[1];
        deadline[0] = wheel.watch(now -> {
            fired.add(now);
            deadline[0].set(now + 1_000);
        });
        wheel.advance(START);
        deadline[0].set(START + 1_000);
        for (long now = START; now <= START + 3_000; now += 100) {
            wheel.advance(now);
        }
        assertThat(fired).containsExactly(START + 1_000, START + 2_000, START + 3_000);
    }

    @Test
    @DisplayName("a handler that throws is logged once with MSV1008; the others due still fire")
    void aFailingHandler() {
        Owner owner = new Owner();
        wheel.advance(START);
        wheel.watch(now -> {
            throw new IllegalStateException("boom");
        }).set(START + 100);
        watchAt(owner, START + 100);
        wheel.advance(START + 100);
        assertThat(owner.fired).hasSize(1);
        assertThat(log.messages(Level.WARNING)).singleElement().asString().startsWith("MSV1008");
    }

    @Test
    @DisplayName("an advance looks at the deadlines that come due, not at every one held")
    void looksAtWhatComesDue() {
        wheel.advance(START);
        for (int i = 0; i < 10_000; i++) {
            watchAt(new Owner(), START + 60_000 + i);   // a keep-alive a minute away
        }
        Owner soon = new Owner();
        watchAt(soon, START + 1_000);
        for (long now = START; now <= START + 10_000; now += 100) {
            wheel.advance(now);
        }
        assertThat(soon.fired).hasSize(1);
        assertThat(wheel.lookedAt()).as("100 advances over 10,001 deadlines").isLessThan(100);
    }

    @Test
    @DisplayName("deadlines set, moved, cancelled and fired at random fire exactly when a plain scan of them would")
    void againstAPlainScan() {
        Random random = new Random(42);
        int count = 300;
        Owner[] owners = new Owner[count];
        Deadline[] deadlines = new Deadline[count];
        long[] expected = new long[count];   // the model: each deadline as set, MAX once fired or cancelled
        List<List<Long>> expectedFires = new ArrayList<>();
        long now = START;
        wheel.advance(now);
        for (int i = 0; i < count; i++) {
            owners[i] = new Owner();
            deadlines[i] = wheel.watch(owners[i]);
            expected[i] = Long.MAX_VALUE;
            expectedFires.add(new ArrayList<>());
        }
        for (int step = 0; step < 5_000; step++) {
            int i = random.nextInt(count);
            int action = random.nextInt(10);
            if (action < 6 && expected[i] != Long.MIN_VALUE) {
                long at = now + random.nextInt(random.nextBoolean() ? 2_000 : 300_000) - 100;
                deadlines[i].set(at);
                expected[i] = at;
            } else if (action == 6 && expected[i] != Long.MIN_VALUE) {
                deadlines[i].cancel();
                expected[i] = Long.MIN_VALUE;
            }
            now += random.nextInt(random.nextInt(50) == 0 ? 200_000 : 150);
            wheel.advance(now);
            for (int j = 0; j < count; j++) {
                if (expected[j] != Long.MIN_VALUE && expected[j] <= now) {
                    expectedFires.get(j).add(now);
                    expected[j] = Long.MAX_VALUE;
                }
            }
        }
        for (int i = 0; i < count; i++) {
            assertThat(owners[i].fired).as("deadline %d", i).isEqualTo(expectedFires.get(i));
        }
    }
}
