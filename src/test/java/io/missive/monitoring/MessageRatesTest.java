package io.missive.monitoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRatesTest {

    @Test
    void theRateIsTheGrowthOverTheLastFewSamples() {
        MessageRates rates = new MessageRates();
        assertThat(rates.rates()).isEqualTo(new MessageRates.Rates(0, 0));
        rates.sample(1_000, 0, 0);
        assertThat(rates.rates()).as("one sample is no rate").isEqualTo(new MessageRates.Rates(0, 0));
        rates.sample(2_000, 10, 20);
        assertThat(rates.rates()).isEqualTo(new MessageRates.Rates(10, 20));
        for (int s = 3; s <= 10; s++) {
            rates.sample(s * 1_000L, 10 + (s - 2) * 100L, 20);
        }
        // the ring spans the last 5 seconds: 100 in per second, nothing out
        assertThat(rates.rates()).isEqualTo(new MessageRates.Rates(100, 0));
    }
}
