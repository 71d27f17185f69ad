package io.missive.rest.errors;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The body of every error answer: {@code {"code":"not_found","message":"no user 1234"}}. A
 * validation failure adds {@code "violations":[{"field":"username","message":"..."}]}.
 *
 * <p>Codes: {@value #UNAUTHORIZED}, {@value #INVALID_REQUEST}, {@value #MALFORMED_JSON},
 * {@value #NOT_FOUND}, {@value #CONFLICT}, {@value #METHOD_NOT_ALLOWED},
 * {@value #UNSUPPORTED_MEDIA_TYPE}, {@value #NOT_ACCEPTABLE}, {@value #FORBIDDEN}, {@value #TOO_LARGE},
 * {@value #UNAVAILABLE}, {@value #INTERNAL_ERROR}.
 */
@JsonbPropertyOrder({"code", "message", "violations"})
@Schema(name = ApiError.SCHEMA, description = "Every error answer")
public record ApiError(
        String code,
        String message,
        List<Violation> violations) {

    /** The schema's name in the OpenAPI document, which shared answers refer to. */
    public static final String SCHEMA = "Error";

    public static final String UNAUTHORIZED = "unauthorized";
    public static final String INVALID_REQUEST = "invalid_request";
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String NOT_FOUND = "not_found";
    public static final String CONFLICT = "conflict";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String NOT_ACCEPTABLE = "not_acceptable";
    public static final String FORBIDDEN = "forbidden";
    public static final String TOO_LARGE = "too_large";
    public static final String UNAVAILABLE = "unavailable";
    public static final String TOO_MANY_REQUESTS = "too_many_requests";
    public static final String INTERNAL_ERROR = "internal_error";

    public ApiError(String code, String message) {
        this(code, message, null);
    }

    /** One failed validation rule. */
    @JsonbPropertyOrder({"field", "message"})
    public record Violation(String field, String message) {
    }
}
