package io.missive.auth;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {

    @Test
    void initializesThePbkdf2WithTheSettings() {
        FakePbkdf2 pbkdf2 = new FakePbkdf2();
        new PasswordHasher(pbkdf2, "PBKDF2WithHmacSHA256", 600_000);

        assertThat(pbkdf2.parameters).isEqualTo(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", "600000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    @Test
    void theDefaultsFollowOwaspForPbkdf2Sha256() {
        assertThat(PasswordHasher.DEFAULT_ALGORITHM).isEqualTo("PBKDF2WithHmacSHA256");
        assertThat(Integer.parseInt(PasswordHasher.DEFAULT_ITERATIONS)).isGreaterThanOrEqualTo(600_000);
    }

    @Test
    void refusesTooFewIterations() {
        assertThatThrownBy(() -> new PasswordHasher(new FakePbkdf2(), "PBKDF2WithHmacSHA256", 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missive.auth.password.iterations");
    }

    @Test
    void hashesAndVerifies() {
        PasswordHasher hasher = new PasswordHasher(new FakePbkdf2(), "PBKDF2WithHmacSHA256", 2048);
        String stored = hasher.hash("s3cret-pw".toCharArray());

        assertThat(hasher.verify("s3cret-pw".toCharArray(), stored)).isTrue();
        assertThat(hasher.verify("wrong".toCharArray(), stored)).isFalse();
    }

    @Test
    void aMissingOrUnreadableStoredHashNeverMatches() {
        FakePbkdf2 pbkdf2 = new FakePbkdf2();
        PasswordHasher hasher = new PasswordHasher(pbkdf2, "PBKDF2WithHmacSHA256", 2048);

        assertThat(hasher.verify("x".toCharArray(), null)).isFalse();
        assertThat(hasher.verify("x".toCharArray(), " ")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "md5:abc")).isFalse();
    }
}
