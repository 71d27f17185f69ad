package io.missive.auth;

import io.missive.auth.ApiKeyCheck.Outcome;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyCheckTest {

    private static final String KEY = "k3y-0123456789abcdef";
    private final ApiKeyCheck check = ApiKeyCheck.of(Optional.of(KEY));

    @Test
    void theRightBearerKeyIsAccepted() {
        assertThat(check.configured()).isTrue();
        assertThat(check.check("Bearer " + KEY)).isEqualTo(Outcome.ACCEPTED);
        assertThat(check.check("bearer " + KEY)).isEqualTo(Outcome.ACCEPTED);
        assertThat(check.check("  BEARER   " + KEY + "  ")).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void anythingElseIsRefused() {
        assertThat(check.check(null)).isEqualTo(Outcome.MISSING);
        assertThat(check.check("")).isEqualTo(Outcome.MISSING);
        assertThat(check.check("Bearer ")).isEqualTo(Outcome.MISSING);
        assertThat(check.check("Basic " + KEY)).isEqualTo(Outcome.MISSING);
        assertThat(check.check(KEY)).isEqualTo(Outcome.MISSING);
        assertThat(check.check("Bearer " + KEY.substring(1))).isEqualTo(Outcome.INVALID);
        assertThat(check.check("Bearer " + KEY + "x")).isEqualTo(Outcome.INVALID);
        assertThat(check.check("Bearer " + KEY.substring(0, 5))).isEqualTo(Outcome.INVALID);
        assertThat(check.check("Bearer " + KEY.toUpperCase())).isEqualTo(Outcome.INVALID);
    }

    @Test
    void withoutAConfiguredKeyEverythingIsRefused() {
        for (ApiKeyCheck unconfigured : new ApiKeyCheck[]{
                ApiKeyCheck.of(Optional.empty()), ApiKeyCheck.of(Optional.of("")), ApiKeyCheck.of(Optional.of("   "))}) {
            assertThat(unconfigured.configured()).isFalse();
            assertThat(unconfigured.check(null)).isEqualTo(Outcome.NOT_CONFIGURED);
            assertThat(unconfigured.check("Bearer ")).isEqualTo(Outcome.NOT_CONFIGURED);
            assertThat(unconfigured.check("Bearer null")).isEqualTo(Outcome.NOT_CONFIGURED);
            assertThat(unconfigured.check("Bearer  ")).isEqualTo(Outcome.NOT_CONFIGURED);
            assertThat(unconfigured.matches("")).isFalse();
        }
    }

    @Test
    void comparesFixedLengthDigestsSoTheKeysLengthDoesNotShow() {
        // the comparison is MessageDigest.isEqual over SHA-256 digests: inputs of any length compare 32 bytes
        assertThat(check.matches(KEY)).isTrue();
        assertThat(check.matches("")).isFalse();
        assertThat(check.matches("x".repeat(10_000))).isFalse();
        assertThat(check.matches(null)).isFalse();
    }

    @Test
    void theConfiguredKeyIsTrimmed() {
        assertThat(ApiKeyCheck.of(Optional.of("  " + KEY + "\n")).check("Bearer " + KEY)).isEqualTo(Outcome.ACCEPTED);
    }
}
