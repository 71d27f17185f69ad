package io.missive.rest.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds error answers. */
public final class Errors {

    private Errors() {
    }

    public static Response response(Response.StatusType status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }

    public static Response response(Response.StatusType status, String code, String message) {
        return response(status, new ApiError(code, message));
    }

    /** The error code that goes with an HTTP status that nothing more specific describes. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> ApiError.INVALID_REQUEST;
            case 401 -> ApiError.UNAUTHORIZED;
            case 403 -> ApiError.FORBIDDEN;
            case 404 -> ApiError.NOT_FOUND;
            case 405 -> ApiError.METHOD_NOT_ALLOWED;
            case 406 -> ApiError.NOT_ACCEPTABLE;
            case 409 -> ApiError.CONFLICT;
            case 413 -> ApiError.TOO_LARGE;
            case 503 -> ApiError.UNAVAILABLE;
            case 415 -> ApiError.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ApiError.INTERNAL_ERROR : ApiError.INVALID_REQUEST;
        };
    }
}
