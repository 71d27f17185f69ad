package io.missive.rest.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything no other mapper claims: 500 {@value ApiError#INTERNAL_ERROR} with a reference and no
 * stack trace; the exception is logged with the same reference.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        return internalError(e);
    }

    static Response internalError(Throwable e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "MSV4001 REST call failed (reference " + reference + ")", e);
        return Errors.response(Response.Status.INTERNAL_SERVER_ERROR, ApiError.INTERNAL_ERROR,
                "internal error (reference " + reference + ")");
    }
}
