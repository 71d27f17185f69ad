package io.missive.rest;

import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;

import java.lang.reflect.Type;

/**
 * Reads only JSON {@code true} and {@code false}. Yasson's own Boolean reader takes any string
 * ("maybe" becomes false), which would silently enable an account.
 */
public class StrictBooleanDeserializer implements JsonbDeserializer<Boolean> {

    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
        JsonValue value = parser.getValue();
        if (value == JsonValue.TRUE || JsonValue.TRUE.equals(value)) {
            return Boolean.TRUE;
        }
        if (value == JsonValue.FALSE || JsonValue.FALSE.equals(value)) {
            return Boolean.FALSE;
        }
        if (value == JsonValue.NULL || JsonValue.NULL.equals(value)) {
            return null;
        }
        throw new JsonbException("expected true or false, not " + abbreviate(value.toString()));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
