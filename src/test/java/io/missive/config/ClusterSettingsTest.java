package io.missive.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSettingsTest {

    @Test
    void theRejoinWaitMustBePositive() {
        for (Duration wait : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
            assertThatThrownBy(() -> new ClusterSettings(true, "a", Optional.empty(), wait))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ClusterSettings.REJOIN_AFTER);
        }
        assertThat(new ClusterSettings(true, "a", Optional.empty(), Duration.ofSeconds(8)).rejoinAfter())
                .isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aNodeIdIsOneTo64SafeCharacters() {
        assertThatThrownBy(() -> new ClusterSettings(true, "a b", Optional.empty(), Duration.ofMinutes(5)))
                .hasMessageContaining(ClusterSettings.NODE_ID);
        assertThatThrownBy(() -> new ClusterSettings(true, "x".repeat(65), Optional.empty(), Duration.ofMinutes(5)))
                .hasMessageContaining(ClusterSettings.NODE_ID);
    }
}
