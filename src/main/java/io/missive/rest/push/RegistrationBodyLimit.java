package io.missive.rest.push;

import io.missive.push.PushCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Caps the body of {@code /registration} (a form of three short fields) at
 * {@code missive.push.registration.max-body-bytes}: anyone may call it, so its body is read here,
 * at most one byte past the limit, before the form is parsed. Larger is 413 in the seed's
 * {@code {"code", "msg"}} (ParamErr), whether it announced its length or came chunked. The
 * REST API's own limit leaves the push calls alone ({@code /put} reads up to the payload limit).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RegistrationBodyLimit implements ContainerRequestFilter {

    public static final String SETTING = "missive.push.registration.max-body-bytes";
    /** serial_no and device_name of 128 characters each, percent-encoded UTF-8, with room to spare. */
    static final int DEFAULT = 4_096;

    private final int limit;

    public RegistrationBodyLimit() {
        this(ConfigProvider.getConfig().getOptionalValue(SETTING, Integer.class).orElse(DEFAULT));
    }

    RegistrationBodyLimit(int limit) {
        this.limit = limit;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().equals("push/registration") || !request.hasEntity()) {
            return;
        }
        int max = limit;
        byte[] body;
        try {
            body = bodyWithin(request.getLength(), request.getEntityStream(), max);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body == null) {
            request.abortWith(tooLarge(max));
        } else {
            request.setEntityStream(new ByteArrayInputStream(body));
        }
    }

    /**
     * The body, read whole, or null when it has more than {@code max} bytes: announced
     * ({@code announcedLength}, -1 for none), or found reading at most one byte past the limit.
     */
    static byte[] bodyWithin(long announcedLength, InputStream in, int max) throws IOException {
        if (announcedLength > max) {
            return null;
        }
        byte[] body = in.readNBytes(max + 1);
        return body.length > max ? null : body;
    }

    private static Response tooLarge(int max) {
        return PushResource.answer(Response.Status.REQUEST_ENTITY_TOO_LARGE, PushCode.PARAM_ERR,
                "the request body is larger than " + max + " bytes (" + SETTING + ")");
    }
}
