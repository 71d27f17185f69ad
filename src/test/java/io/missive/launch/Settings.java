package io.missive.launch;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads a setting the way MicroProfile Config's default sources do, without needing a Config
 * implementation on the launcher's class path: a system property first, then an environment
 * variable, tried as the exact name, then with every non-alphanumeric character replaced by
 * '_', then upper-cased ({@code missive.db.url} → {@code MISSIVE_DB_URL}).
 */
public final class Settings {

    private Settings() {
    }

    public static Optional<String> get(String name) {
        String value = System.getProperty(name);
        if (isSet(value)) {
            return Optional.of(value);
        }
        String sanitized = name.replaceAll("[^A-Za-z0-9]", "_");
        for (String candidate : new String[]{name, sanitized, sanitized.toUpperCase(Locale.ROOT)}) {
            value = System.getenv(candidate);
            if (isSet(value)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    public static String get(String name, String defaultValue) {
        return get(name).orElse(defaultValue);
    }

    public static int getInt(String name, int defaultValue) {
        return get(name).map(value -> {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, not '" + value + "'", e);
            }
        }).orElse(defaultValue);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }
}
