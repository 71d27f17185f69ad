package io.missive.config;

import jakarta.json.spi.JsonProvider;

/**
 * The application's one JSON-P provider. {@code jakarta.json.Json}'s static factories look the
 * provider up through a ServiceLoader, a scan of the class path, on every call (in the benchmark's
 * profile of {@code /put}, a fifth of the request's CPU samples); this looks it up once.
 * {@link JsonProvider}'s factories are thread-safe, so one instance serves every thread.
 */
public final class SharedJson {

    /** Use this instead of {@code jakarta.json.Json}'s static methods. */
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private SharedJson() {
    }
}
