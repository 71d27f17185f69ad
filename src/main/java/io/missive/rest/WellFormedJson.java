package io.missive.rest;

import io.missive.config.SharedJson;
import io.missive.rest.errors.MalformedJsonMapper;
import jakarta.json.JsonException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Parses every JSON request body once before JSON-B binds it, and refuses one that is not JSON
 * (400, through {@link MalformedJsonMapper}). Why: JSON-B skips a field the request class does not
 * know with the JSON-P parser's skip, and Parsson's skip (1.1.5 in Payara, 1.1.7 too) never returns
 * at the end of input inside an unclosed array or object: {@code {"e":[}} sent to any call, the
 * anonymous {@code POST /api/auth/login} too, kept a request thread spinning forever (found by
 * {@code RequestBodyFuzzTest}). The whole parse fails there instead. The body is at most
 * {@link RequestBodyLimit}'s size, read once into memory, as JSON-B would read it anyway.
 */
@Provider
public class WellFormedJson implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!MediaType.APPLICATION_JSON_TYPE.isCompatible(context.getMediaType())
                || !context.getType().getName().startsWith("io.missive.")) {
            return context.proceed();
        }
        byte[] body;
        try {
            body = context.getInputStream().readAllBytes();
        } catch (RequestBodyLimit.TooLarge e) {
            throw new ProcessingException(e.getMessage(), e);   // 413, as when JSON-B reads past the limit
        }
        check(body);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Raises {@link ProcessingException} caused by {@link JsonException} unless {@code body} is JSON (empty passes: no body). */
    public static void check(byte[] body) {
        if (body.length == 0) {
            return;
        }
        try {
            SharedJson.readValue(body);
        } catch (JsonException e) {
            throw new ProcessingException("the request body is not JSON", e);
        }
    }
}
