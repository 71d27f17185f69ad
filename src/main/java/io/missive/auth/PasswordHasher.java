package io.missive.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hashes and verifies account passwords with the container's built-in
 * {@link Pbkdf2PasswordHash} (Jakarta Security; Soteria on Payara). The stored form is
 * {@code algorithm:iterations:base64(salt):base64(hash)}, so changing the settings affects new
 * hashes only: older hashes still verify with the parameters stored in them.
 *
 * <p>Settings (MicroProfile Config):
 * <ul>
 *   <li>{@code missive.auth.password.algorithm}, default {@value #DEFAULT_ALGORITHM}
 *       (also PBKDF2WithHmacSHA384 / PBKDF2WithHmacSHA512);</li>
 *   <li>{@code missive.auth.password.iterations}, default {@value #DEFAULT_ITERATIONS}, the
 *       OWASP Password Storage Cheat Sheet's figure for PBKDF2-HMAC-SHA256 (210000 is its figure
 *       for SHA-512); at least 1024.</li>
 * </ul>
 * Salt and derived key are 32 bytes each.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Logger LOG = Logger.getLogger(PasswordHasher.class.getName());

    public static final String DEFAULT_ALGORITHM = "PBKDF2WithHmacSHA256";
    public static final String DEFAULT_ITERATIONS = "600000";
    static final int SALT_BYTES = 32;
    static final int KEY_BYTES = 32;

    private final Pbkdf2PasswordHash hash;
    private final String algorithm;
    private final int iterations;

    /** For the CDI proxy only. */
    protected PasswordHasher() {
        this.hash = null;
        this.algorithm = null;
        this.iterations = 0;
    }

    @Inject
    public PasswordHasher(Pbkdf2PasswordHash hash,
                          @ConfigProperty(name = "missive.auth.password.algorithm", defaultValue = DEFAULT_ALGORITHM)
                          String algorithm,
                          @ConfigProperty(name = "missive.auth.password.iterations", defaultValue = DEFAULT_ITERATIONS)
                          int iterations) {
        if (iterations < 1024) {
            throw new IllegalArgumentException("missive.auth.password.iterations must be at least 1024, not " + iterations);
        }
        this.hash = hash;
        this.algorithm = algorithm.trim();
        this.iterations = iterations;
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", this.algorithm,
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", Integer.toString(SALT_BYTES),
                "Pbkdf2PasswordHash.KeySizeBytes", Integer.toString(KEY_BYTES)));
    }

    /** A new salted hash of {@code password}, in the stored form. */
    public String hash(char[] password) {
        return hash.generate(password);
    }

    /**
     * Whether {@code password} matches {@code stored}. A missing or unreadable stored hash
     * never matches (an unreadable one is logged).
     */
    public boolean verify(char[] password, String stored) {
        if (stored == null || stored.isBlank()) {
            return false;
        }
        try {
            return hash.verify(password, stored);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV3005 A stored password hash cannot be read: {0}", e.toString());
            return false;
        }
    }

    /** "PBKDF2WithHmacSHA256, 600000 iterations": for the start-up log. */
    public String describe() {
        return algorithm + ", " + iterations + " iterations";
    }
}
