package io.missive.bench;

import io.missive.bench.client.LoadMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FixedRateScheduleTest {

    @Test
    void intendedTimesFollowTheRateNotTheSender() {
        FixedRateSchedule schedule = new FixedRateSchedule(1_000_000L, 4000, 1_000_000_000L);
        assertThat(schedule.count()).isEqualTo(4000);
        assertThat(schedule.intendedNanos(0)).isEqualTo(1_000_000L);
        assertThat(schedule.intendedNanos(1)).isEqualTo(1_250_000L);
        // no drift over many messages with a period that is not a whole number of nanoseconds
        FixedRateSchedule odd = new FixedRateSchedule(0, 3, 1_000_000_000L);
        assertThat(odd.count()).isEqualTo(3);
        assertThat(odd.intendedNanos(3_000_000)).isEqualTo(1_000_000_000_000_000L);
    }

    @Test
    void theLoadMessageSurvivesItsPayloadAndItsMsgId() {
        LoadMessage message = new LoadMessage(-123_456_789_012L, 7, 3, 4_000_000_000L);
        assertThat(LoadMessage.fromPayload(message.toPayload(100))).isEqualTo(message);
        assertThat(message.toPayload(100)).hasSize(100);
        assertThat(message.toHexId()).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(LoadMessage.fromHexId(message.toHexId())).isEqualTo(message);
    }
}
