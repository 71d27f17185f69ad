package io.missive.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {

    /**
     * Written by Jakarta Security's Pbkdf2PasswordHash as Payara ran it (Soteria, with the settings
     * earlier releases passed: 32-byte salt and key), for the password "s3cret-pw". Accounts stored
     * then must still log in.
     */
    static final String SOTERIA_SHA256 = "PBKDF2WithHmacSHA256:2048:Qi0Rzaeo+cicpfPNkJ5QpZrkX+8HqkVmtLBia2fcy30="
            + ":DXVSRt6V//aJ2FFaBlnyqSbLb/QzV4y9e/AaJgQpNvs=";
    /** The same, with SHA-512, 1024 iterations, a 16-byte salt and a 64-byte key, for "other". */
    static final String SOTERIA_SHA512 = "PBKDF2WithHmacSHA512:1024:pmRJzGngLAwTOX+ppuc5tA==:PV/z0sPcEcPvuhAcw2c1fPCZJ"
            + "ynM2G7CnO2Bq99+vr7/A8/hTJFqeZsZ7pE8DOs6wWiwZd3Sq3HbjXGUKwV0Tw==";

    private final PasswordHasher hasher = new PasswordHasher("PBKDF2WithHmacSHA256", 2048);

    @Test
    void theDefaultsFollowOwaspForPbkdf2Sha256() {
        assertThat(PasswordHasher.DEFAULT_ALGORITHM).isEqualTo("PBKDF2WithHmacSHA256");
        assertThat(Integer.parseInt(PasswordHasher.DEFAULT_ITERATIONS)).isGreaterThanOrEqualTo(600_000);
    }

    @Test
    void refusesTooFewIterationsAndUnknownAlgorithms() {
        assertThatThrownBy(() -> new PasswordHasher("PBKDF2WithHmacSHA256", 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missive.auth.password.iterations");
        assertThatThrownBy(() -> new PasswordHasher("PBKDF2WithHmacSHA257", 2048))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missive.auth.password.algorithm");
    }

    @Test
    void hashesInTheStoredFormAndVerifies() {
        String stored = hasher.hash("s3cret-pw".toCharArray());

        assertThat(stored).matches("PBKDF2WithHmacSHA256:2048:[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=");
        assertThat(hasher.verify("s3cret-pw".toCharArray(), stored)).isTrue();
        assertThat(hasher.verify("wrong".toCharArray(), stored)).isFalse();
        assertThat(hasher.hash("s3cret-pw".toCharArray())).as("a new salt each time").isNotEqualTo(stored);
    }

    @Test
    void hashesStoredByJakartaSecurityStillVerify() {
        assertThat(hasher.verify("s3cret-pw".toCharArray(), SOTERIA_SHA256)).isTrue();
        assertThat(hasher.verify("s3cret-pX".toCharArray(), SOTERIA_SHA256)).isFalse();
        assertThat(hasher.verify("other".toCharArray(), SOTERIA_SHA512)).as("the parameters stored in the hash").isTrue();
    }

    @Test
    void aMissingOrUnreadableStoredHashNeverMatches() {
        assertThat(hasher.verify("x".toCharArray(), null)).isFalse();
        assertThat(hasher.verify("x".toCharArray(), " ")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "md5:abc")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "PBKDF2WithHmacSHA256:0:AA==:AA==")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "Nope:1024:AA==:AA==")).isFalse();
    }
}
