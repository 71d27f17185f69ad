package io.missive.rest.errors;

import io.missive.repository.DuplicateEntityException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The store's "exists already" (a taken username): 409 {@value ApiError#CONFLICT}. */
@Provider
public class DuplicateEntityMapper implements ExceptionMapper<DuplicateEntityException> {

    @Override
    public Response toResponse(DuplicateEntityException e) {
        return Errors.response(Response.Status.CONFLICT, ApiError.CONFLICT, e.getMessage());
    }
}
