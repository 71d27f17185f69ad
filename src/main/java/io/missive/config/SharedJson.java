package io.missive.config;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.function.Function;

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

    /**
     * The JSON object in {@code json} (UTF-8). Whatever else it holds raises {@link JsonException}:
     * not JSON, another kind of value, and a number the provider cannot hold, whose
     * {@code NumberFormatException} (an exponent past an int's range, found by fuzzing) callers
     * catching JsonException would miss.
     */
    public static JsonObject readObject(byte[] json) {
        return read(PROVIDER.createReader(new ByteArrayInputStream(json)), JsonReader::readObject);
    }

    /** Like {@link #readObject(byte[])}, from text. */
    public static JsonObject readObject(String json) {
        return read(PROVIDER.createReader(new StringReader(json)), JsonReader::readObject);
    }

    /** Any JSON value in {@code json}; else {@link JsonException}, as {@link #readObject(byte[])}. */
    public static JsonValue readValue(String json) {
        return read(PROVIDER.createReader(new StringReader(json)), JsonReader::readValue);
    }

    /** Like {@link #readValue(String)}, from UTF-8. */
    public static JsonValue readValue(byte[] json) {
        return read(PROVIDER.createReader(new ByteArrayInputStream(json)), JsonReader::readValue);
    }

    private static <T> T read(JsonReader reader, Function<JsonReader, T> what) {
        try (reader) {
            return what.apply(reader);
        } catch (NumberFormatException | ArithmeticException | IllegalStateException | ClassCastException e) {
            throw new JsonException("not readable JSON: " + e.getMessage(), e);
        }
    }
}
