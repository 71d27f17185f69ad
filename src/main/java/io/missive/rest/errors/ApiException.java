package io.missive.rest.errors;

import jakarta.ws.rs.core.Response;

/** A failure a resource reports on purpose: it becomes an {@link ApiError} with this status. */
public class ApiException extends RuntimeException {

    private final Response.StatusType status;
    private final String code;
    /** Seconds for a {@code Retry-After} header; 0 for none. */
    private final long retryAfterSeconds;

    public ApiException(Response.StatusType status, String code, String message) {
        this(status, code, message, 0);
    }

    private ApiException(Response.StatusType status, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 with a {@code Retry-After} header. */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(Response.Status.TOO_MANY_REQUESTS, ApiError.TOO_MANY_REQUESTS, message,
                retryAfterSeconds);
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

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
