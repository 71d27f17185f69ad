package io.missive.rest;

import io.missive.rest.errors.ApiError;
import io.missive.rest.errors.Errors;
import io.missive.rest.errors.MalformedJsonMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps request bodies at {@code missive.rest.max-body-bytes}: a larger Content-Length is refused
 * at once (413 {@value ApiError#TOO_LARGE}); a body without one (chunked) is cut off when it
 * passes the limit, which {@link MalformedJsonMapper} answers with the same 413. The push calls
 * under {@code push/} are left alone: {@code /put} reads its message up to the payload limit
 * itself and answers the seed's MsgTooLong.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestBodyLimit implements ContainerRequestFilter {

    public static final String SETTING = "missive.rest.max-body-bytes";
    static final long DEFAULT = 262_144;

    private volatile long limit = -1;

    /** The body went past the limit while it was read. */
    public static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes", null);
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("push/") || !request.hasEntity()) {
            return;
        }
        long max = limit();
        if (request.getLength() > max) {
            request.abortWith(tooLarge(max));
            return;
        }
        request.setEntityStream(new Capped(request.getEntityStream(), max));
    }

    static Response tooLarge(long max) {
        return Errors.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, ApiError.TOO_LARGE,
                "the request body is larger than " + max + " bytes (" + SETTING + ")");
    }

    private long limit() {
        long l = limit;
        if (l < 0) {
            l = ConfigProvider.getConfig().getOptionalValue(SETTING, Long.class).orElse(DEFAULT);
            limit = l;
        }
        return l;
    }

    /** Counts what is read and fails past the limit. */
    private static final class Capped extends FilterInputStream {
        private final long max;
        private long read;

        Capped(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > max) {
                throw new TooLarge(max);
            }
        }
    }
}
