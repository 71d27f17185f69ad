package io.missive.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hashes and verifies account passwords with PBKDF2 from the JDK ({@code javax.crypto}), not the
 * container's {@code Pbkdf2PasswordHash}: WildFly enables Jakarta Security only for applications
 * that define an authentication mechanism or identity store, so that bean is not there for Missive.
 * The stored form is the one Jakarta Security's implementation (Soteria, on Payara) wrote before,
 * {@code algorithm:iterations:base64(salt):base64(hash)}, so hashes stored by earlier releases still
 * verify, and changing the settings affects new hashes only: older ones verify with the parameters
 * stored in them.
 *
 * <p>Settings (MicroProfile Config):
 * <ul>
 *   <li>{@code missive.auth.password.algorithm}, default {@value #DEFAULT_ALGORITHM}
 *       (also PBKDF2WithHmacSHA384 / PBKDF2WithHmacSHA512);</li>
 *   <li>{@code missive.auth.password.iterations}, default {@value #DEFAULT_ITERATIONS}, the
 *       OWASP Password Storage Cheat Sheet's figure for PBKDF2-HMAC-SHA256 (210000 is its figure
 *       for SHA-512); at least 1024.</li>
 * </ul>
 * Salt and derived key of new hashes are 32 bytes each.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Logger LOG = Logger.getLogger(PasswordHasher.class.getName());

    public static final String DEFAULT_ALGORITHM = "PBKDF2WithHmacSHA256";
    public static final String DEFAULT_ITERATIONS = "600000";
    static final int MIN_ITERATIONS = 1024;
    static final int SALT_BYTES = 32;
    static final int KEY_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final String algorithm;
    private final int iterations;

    /** For the CDI proxy only. */
    protected PasswordHasher() {
        this.algorithm = null;
        this.iterations = 0;
    }

    @Inject
    public PasswordHasher(@ConfigProperty(name = "missive.auth.password.algorithm", defaultValue = DEFAULT_ALGORITHM)
                          String algorithm,
                          @ConfigProperty(name = "missive.auth.password.iterations", defaultValue = DEFAULT_ITERATIONS)
                          int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("missive.auth.password.iterations must be at least " + MIN_ITERATIONS
                    + ", not " + iterations);
        }
        this.algorithm = algorithm.trim();
        this.iterations = iterations;
        try {
            SecretKeyFactory.getInstance(this.algorithm);   // a misspelt algorithm fails the deployment, not a login
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("missive.auth.password.algorithm: the JDK has no " + this.algorithm, e);
        }
    }

    /** A new salted hash of {@code password}, in the stored form. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] key = derive(algorithm, password, salt, iterations, KEY_BYTES);
        Base64.Encoder base64 = Base64.getEncoder();
        return algorithm + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(key);
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
            String[] parts = stored.split(":");
            if (parts.length != 4) {
                throw new IllegalArgumentException("not algorithm:iterations:salt:hash");
            }
            int storedIterations = Integer.parseInt(parts[1]);
            if (storedIterations < 1) {
                throw new IllegalArgumentException("iterations " + storedIterations);
            }
            Base64.Decoder base64 = Base64.getDecoder();
            byte[] salt = base64.decode(parts[2]);
            byte[] expected = base64.decode(parts[3]);
            byte[] actual = derive(parts[0], password, salt, storedIterations, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV3005 A stored password hash cannot be read: {0}", e.toString());
            return false;
        }
    }

    private static byte[] derive(String algorithm, char[] password, byte[] salt, int iterations, int keyBytes) {
        if (keyBytes < 1 || salt.length < 1) {
            throw new IllegalArgumentException("empty salt or hash");
        }
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive with " + algorithm, e);
        } finally {
            spec.clearPassword();
        }
    }

    /** "PBKDF2WithHmacSHA256, 600000 iterations": for the start-up log. */
    public String describe() {
        return algorithm + ", " + iterations + " iterations";
    }
}
