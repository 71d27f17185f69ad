package io.missive.rest;

import io.missive.core.store.NamedMembers;
import io.missive.rest.errors.ApiError;
import io.missive.rest.errors.ApiException;

/**
 * The rules for management input, shared by the validation annotations and the documentation.
 * <ul>
 *   <li>username: 1 to 64 characters, each a letter or digit (any script) or one of {@code . _ - @};</li>
 *   <li>password: 8 to 256 characters (UTF-16 units: a character outside the Basic Multilingual
 *       Plane counts as two); any characters;</li>
 *   <li>role: {@code user} (the default) or {@code admin};</li>
 *   <li>group name: 1 to 128 characters, not only white space;</li>
 *   <li>uids and group ids: whole numbers from 1 to 4294967295.</li>
 * </ul>
 */
public final class InputRules {

    public static final String USERNAME_PATTERN = NamedMembers.USERNAME_PATTERN;
    public static final String USERNAME_MESSAGE = "must be 1 to 64 letters, digits or . _ - @";
    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 256;
    public static final String PASSWORD_MESSAGE = "must be 8 to 256 characters";
    public static final String ROLE_PATTERN = "user|admin";
    public static final String ROLE_MESSAGE = "must be \"user\" or \"admin\"";
    public static final int GROUP_NAME_MAX = 128;
    public static final String GROUP_NAME_MESSAGE = "must be 1 to 128 characters, not only white space";
    public static final String REQUIRED_MESSAGE = "is required";
    public static final long MAX_ID = 4_294_967_295L;

    private InputRules() {
    }

    /**
     * Parses a uid or group id from a path: digits only, 1..{@value #MAX_ID}; otherwise a 400
     * {@value ApiError#INVALID_REQUEST} naming {@code what}.
     */
    public static long id(String raw, String what) {
        if (raw == null || raw.isEmpty() || raw.length() > 10 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.invalid(what + " must be a whole number from 1 to " + MAX_ID + ", not '" + shorten(raw) + "'");
        }
        long value = Long.parseLong(raw);
        if (value < 1 || value > MAX_ID) {
            throw ApiException.invalid(what + " must be a whole number from 1 to " + MAX_ID + ", not " + raw);
        }
        return value;
    }

    private static String shorten(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.length() > 32 ? raw.substring(0, 32) + "..." : raw;
    }
}
