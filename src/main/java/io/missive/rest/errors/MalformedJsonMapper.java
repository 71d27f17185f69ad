package io.missive.rest.errors;

import io.missive.rest.RequestBodyLimit;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body that is not JSON, or not JSON of the expected shape (a string where a number
 * belongs): 400 {@value ApiError#MALFORMED_JSON}. Jersey's JSON-B reader (the one Payara uses)
 * wraps Yasson's {@link JsonbException} in a {@link ProcessingException}; any other
 * ProcessingException is a server fault (500), except a body cut off by {@link RequestBodyLimit} (413).
 */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException e) {
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof RequestBodyLimit.TooLarge) {
                return Errors.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, ApiError.TOO_LARGE, c.getMessage());
            }
        }
        if (!isJsonFault(e)) {
            return UnexpectedExceptionMapper.internalError(e);
        }
        return Errors.response(Response.Status.BAD_REQUEST, ApiError.MALFORMED_JSON,
                "the request body is not valid JSON for this call" + detail(e));
    }

    static boolean isJsonFault(Throwable e) {
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof JsonbException || c instanceof JsonException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message, which names the problem ("Unexpected char 39 at (line no=1, column no=2, offset=1)"). */
    private static String detail(Throwable e) {
        Throwable last = e;
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            last = c;
        }
        String m = last.getMessage();
        if (m == null || m.isBlank() || last == e) {
            return "";
        }
        m = m.replaceAll("\\s+", " ").trim();
        return ": " + (m.length() > 200 ? m.substring(0, 200) + "..." : m);
    }
}
