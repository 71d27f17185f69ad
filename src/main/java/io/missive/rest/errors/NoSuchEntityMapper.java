package io.missive.rest.errors;

import io.missive.repository.NoSuchEntityException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The store's "no such user / group / membership": 404 {@value ApiError#NOT_FOUND}. */
@Provider
public class NoSuchEntityMapper implements ExceptionMapper<NoSuchEntityException> {

    @Override
    public Response toResponse(NoSuchEntityException e) {
        return Errors.response(Response.Status.NOT_FOUND, ApiError.NOT_FOUND, e.getMessage());
    }
}
