package io.missive.rest.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** {@link ApiException}: the status and code the resource chose. */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException e) {
        Response response = Errors.response(e.status(), e.code(), e.getMessage());
        return e.retryAfterSeconds() > 0
                ? Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build() : response;
    }
}
