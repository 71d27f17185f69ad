package io.missive.admin;

import io.missive.rest.errors.ApiException;

/**
 * The {@code offset} and {@code limit} query parameters of a listing: offset 0 or more (default 0),
 * limit 1 or more (default {@value #DEFAULT_LIMIT}), capped at {@value #MAX_LIMIT}. Anything else
 * is a 400.
 */
record Paging(int offset, int limit) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    static Paging of(String offset, String limit) {
        int o = number(offset, "offset", 0, 0);
        int l = number(limit, "limit", DEFAULT_LIMIT, 1);
        return new Paging(o, Math.min(l, MAX_LIMIT));
    }

    private static int number(String raw, String name, int absent, int min) {
        if (raw == null || raw.isEmpty()) {
            return absent;
        }
        if (raw.length() > 9 || !raw.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(raw) < min) {
            throw ApiException.invalid(name + " must be a whole number from " + min + ", not '"
                    + (raw.length() > 32 ? raw.substring(0, 32) + "..." : raw) + "'");
        }
        return Integer.parseInt(raw);
    }

    /** A search text: absent is empty. */
    static String text(String q) {
        return q == null ? "" : q.trim();
    }
}
