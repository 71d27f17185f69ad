package io.missive.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Checks the credential of a back-end call: {@code Authorization: Bearer <key>}, where the key is
 * {@code missive.api-key} (environment {@code MISSIVE_API_KEY}). With no key configured every
 * call is refused: the API is never open. The comparison takes the same time whatever the
 * presented key (both sides are hashed with SHA-256 and compared with
 * {@link MessageDigest#isEqual}), so it leaks neither matching prefixes nor the key's length.
 */
public final class ApiKeyCheck {

    public static final String CONFIG_KEY = "missive.api-key";
    /** The realm of the bearer challenge to a refused call. */
    public static final String REALM = "missive";

    /** The outcome of a check. */
    public enum Outcome {
        ACCEPTED,
        /** The server has no key: every call is refused. */
        NOT_CONFIGURED,
        /** No {@code Authorization: Bearer} credential in the request. */
        MISSING,
        /** A bearer credential that is not the key. */
        INVALID
    }

    private static final String BEARER = "bearer ";

    private final byte[] expectedDigest;

    private ApiKeyCheck(byte[] expectedDigest) {
        this.expectedDigest = expectedDigest;
    }

    /**
     * The check for the server's own key, as an edge that serves back ends reads it once: like {@link #of},
     * and without a key the {@code MSV4002} warning is logged.
     */
    public static ApiKeyCheck forServer(Optional<String> configuredKey) {
        ApiKeyCheck check = of(configuredKey);
        if (!check.configured()) {
            Logger.getLogger(ApiKeyCheck.class.getName()).warning("MSV4002 No API key is configured (" + CONFIG_KEY
                    + " / MISSIVE_API_KEY): every back-end call is refused");
        }
        return check;
    }

    /** The check for a configured key; an absent or blank key refuses everything. */
    public static ApiKeyCheck of(Optional<String> configuredKey) {
        return configuredKey.map(String::trim)
                .filter(k -> !k.isEmpty())
                .map(k -> new ApiKeyCheck(sha256(k)))
                .orElseGet(() -> new ApiKeyCheck(null));
    }

    public boolean configured() {
        return expectedDigest != null;
    }

    /** Checks the value of an {@code Authorization} header (null when absent). */
    public Outcome check(String authorizationHeader) {
        if (expectedDigest == null) {
            return Outcome.NOT_CONFIGURED;
        }
        String presented = bearer(authorizationHeader);
        if (presented == null) {
            return Outcome.MISSING;
        }
        return matches(presented) ? Outcome.ACCEPTED : Outcome.INVALID;
    }

    /** What a refused call is told, for every outcome but {@link Outcome#ACCEPTED}: the same on every HTTP stack. */
    public static String refusalText(Outcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> throw new IllegalArgumentException("an accepted call is not refused");
            case NOT_CONFIGURED -> "the server has no API key configured (" + CONFIG_KEY + " / MISSIVE_API_KEY),"
                    + " so it refuses every back-end call";
            case MISSING -> "an API key is required: Authorization: Bearer <key>";
            case INVALID -> "the API key is not valid";
        };
    }

    /** The {@code WWW-Authenticate} challenge of a refused call. */
    public static String challenge(Outcome outcome) {
        String challenge = "Bearer realm=\"" + REALM + "\"";
        return outcome == Outcome.INVALID ? challenge + ", error=\"invalid_token\"" : challenge;
    }

    /** The credential of an {@code Authorization: Bearer <credential>} header; null for none. */
    public static String bearer(String authorizationHeader) {
        if (authorizationHeader == null) {
            return null;
        }
        String header = authorizationHeader.trim();
        if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return null;
        }
        String presented = header.substring(BEARER.length()).trim();
        return presented.isEmpty() ? null : presented;
    }

    /** Whether {@code presented} is the key, in constant time. */
    public boolean matches(String presented) {
        if (expectedDigest == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
