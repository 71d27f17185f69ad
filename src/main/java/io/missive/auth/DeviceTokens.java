package io.missive.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The tokens that registration gives push devices: 256 random bits, URL-safe Base64 without
 * padding (43 characters). Only their SHA-256 is stored; with that much entropy a slow hash
 * adds nothing, and the check stays cheap for devices that reconnect often.
 */
public final class DeviceTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceTokens() {
    }

    /** A new token. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored for {@code token}. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code token} is the one whose hash is stored, in time independent of where they differ. */
    public static boolean matches(String token, byte[] storedHash) {
        return token != null && MessageDigest.isEqual(hash(token), storedHash);
    }
}
