package io.missive.mqtt;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reads the fields of an IM request's JSON body; a missing or wrong field is a {@link BadRequest}. */
final class ImFields {

    private ImFields() {
    }

    /** A request the method cannot serve, with the reason the client gets as Error. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    /** A string field, or a number given as its text. */
    static String text(JsonObject request, String field) throws BadRequest {
        JsonValue value = request.get(field);
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonNumber n) {
            return n.toString();
        }
        throw new BadRequest("'" + field + "' is missing");
    }

    /** A positive id written as decimal text. */
    static long parseId(String text, String field) throws BadRequest {
        try {
            long id = Long.parseLong(text.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("'" + field + "' holds '" + text + "', not an id");
    }

    /** A positive id given as a JSON number or a decimal string (the seed's examples use strings). */
    static long id(JsonObject request, String field) throws BadRequest {
        JsonValue value = request.get(field);
        try {
            long id;
            if (value instanceof JsonNumber n) {
                id = n.longValueExact();
            } else if (value instanceof JsonString s) {
                id = Long.parseLong(s.getString().trim());
            } else {
                throw new BadRequest("'" + field + "' is missing");
            }
            if (id <= 0) {
                throw new BadRequest("'" + field + "' must be positive");
            }
            return id;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadRequest("'" + field + "' is not an id");
        }
    }
}
