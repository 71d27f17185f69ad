package io.missive.rest.errors;

import jakarta.ws.rs.core.Response;

/** A failure a resource reports on purpose: it becomes an {@link ApiError} with this status. */
public class ApiException extends RuntimeException {

    private final Response.StatusType status;
    private final String code;

    public ApiException(Response.StatusType status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException notFound(String message) {
        return new ApiException(Response.Status.NOT_FOUND, ApiError.NOT_FOUND, message);
    }

    public static ApiException invalid(String message) {
        return new ApiException(Response.Status.BAD_REQUEST, ApiError.INVALID_REQUEST, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(Response.Status.CONFLICT, ApiError.CONFLICT, message);
    }

    public Response.StatusType status() {
        return status;
    }

    public String code() {
        return code;
    }
}
