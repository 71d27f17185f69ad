package io.missive.rest.security;

import io.missive.auth.ApiKeyCheck.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyFilterTest {

    @Test
    void anAcceptedKeyPasses() {
        assertThat(ApiKeyFilter.refusalFor(Outcome.ACCEPTED)).isNull();
    }

    @Test
    void refusalsAre401JsonWithABearerChallenge() {
        ApiKeyFilter.Refusal missing = ApiKeyFilter.refusalFor(Outcome.MISSING);
        assertThat(missing.challenge()).isEqualTo("Bearer realm=\"missive\"");
        assertThat(missing.error().code()).isEqualTo("unauthorized");
        assertThat(missing.error().message()).contains("Authorization: Bearer");

        ApiKeyFilter.Refusal invalid = ApiKeyFilter.refusalFor(Outcome.INVALID);
        assertThat(invalid.challenge()).isEqualTo("Bearer realm=\"missive\", error=\"invalid_token\"");
        assertThat(invalid.error().code()).isEqualTo("unauthorized");
    }

    @Test
    void anUnconfiguredServerSaysSo() {
        ApiKeyFilter.Refusal refusal = ApiKeyFilter.refusalFor(Outcome.NOT_CONFIGURED);
        assertThat(refusal.challenge()).startsWith("Bearer");
        assertThat(refusal.error().code()).isEqualTo("unauthorized");
        assertThat(refusal.error().message()).contains("no API key configured").contains("MISSIVE_API_KEY");
    }

    @Test
    void everyOutcomeButAcceptedIsARefusal() {
        for (Outcome outcome : Outcome.values()) {
            assertThat(ApiKeyFilter.refusalFor(outcome) == null).as(outcome.name()).isEqualTo(outcome == Outcome.ACCEPTED);
        }
    }
}
