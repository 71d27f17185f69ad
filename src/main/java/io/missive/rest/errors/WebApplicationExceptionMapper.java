package io.missive.rest.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JAX-RS runtime's own refusals (unknown path 404, 405, 415, 406, a bad parameter) as JSON
 * {@link ApiError}s, keeping their status and headers (e.g. {@code Allow}). An exception that
 * carries a response body already keeps it.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final Logger LOG = Logger.getLogger(WebApplicationExceptionMapper.class.getName());

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original != null && original.hasEntity()) {
            return original;
        }
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return UnexpectedExceptionMapper.internalError(e);
        }
        String code = Errors.codeFor(status);
        String message = message(e, status);
        if (hasCause(e, NoContentException.class)) {
            code = ApiError.MALFORMED_JSON;
            message = "the request needs a JSON body";
        }
        LOG.log(Level.FINE, "Refused with " + status, e);
        Response.ResponseBuilder answer = Response.status(status)
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, message));
        if (original != null) {
            original.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> answer.header(name, v));
                }
            });
        }
        return answer.build();
    }

    private static String message(WebApplicationException e, int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            case 406 -> "this resource answers application/json only";
            case 415 -> "the request body must be application/json";
            default -> {
                String m = e.getMessage();
                yield m == null || m.isBlank() ? "HTTP " + status : m;
            }
        };
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null && c != c.getCause(); c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
