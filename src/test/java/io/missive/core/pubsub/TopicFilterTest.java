package io.missive.core.pubsub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** MQTT 3.1.1 section 4.7, with the specification's own examples. */
class TopicFilterTest {

    @ParameterizedTest
    @CsvSource({
            "sport/tennis/player1/#, sport/tennis/player1, true",
            "sport/tennis/player1/#, sport/tennis/player1/ranking, true",
            "sport/tennis/player1/#, sport/tennis/player1/score/wimbledon, true",
            "sport/#, sport, true",
            "#, any/thing/at/all, true",
            "sport/tennis/+, sport/tennis/player1, true",
            "sport/tennis/+, sport/tennis/player1/ranking, false",
            "sport/+, sport, false",
            "sport/+, sport/, true",
            "+/+, /finance, true",
            "/+, /finance, true",
            "+, /finance, false",
            "#, $SYS/broker, false",
            "+/monitor/Clients, $SYS/monitor/Clients, false",
            "$SYS/#, $SYS/broker, true",
            "$SYS/monitor/+, $SYS/monitor/Clients, true",
            "a/b, a/b, true",
            "a/b, a/B, false",
    })
    void matchesAsTheSpecificationSays(String filter, String topic, boolean matches) {
        assertThat(TopicFilter.matches(filter, topic)).isEqualTo(matches);
    }

    @Test
    void validFiltersAndTopicNames() {
        assertThat(TopicFilter.isValidFilter("sport/tennis/#")).isTrue();
        assertThat(TopicFilter.isValidFilter("+/tennis/#")).isTrue();
        assertThat(TopicFilter.isValidFilter("#")).isTrue();
        assertThat(TopicFilter.isValidFilter("sport/tennis#")).isFalse();
        assertThat(TopicFilter.isValidFilter("sport/tennis/#/ranking")).isFalse();
        assertThat(TopicFilter.isValidFilter("sport+")).isFalse();
        assertThat(TopicFilter.isValidFilter("")).isFalse();
        assertThat(TopicFilter.isValidTopicName("sport/tennis")).isTrue();
        assertThat(TopicFilter.isValidTopicName("im://modulus/remove_feeds_member?msg_id=1002")).isTrue();
        assertThat(TopicFilter.isValidTopicName("sport/+")).isFalse();
        assertThat(TopicFilter.isValidTopicName("sport/#")).isFalse();
        assertThat(TopicFilter.isValidTopicName("")).isFalse();
        assertThat(TopicFilter.isValidTopicName("a\0b")).isFalse();
    }
}
