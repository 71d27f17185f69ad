package io.missive.rest.security;

import io.missive.auth.ApiKeyCheck;
import io.missive.rest.errors.ApiError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.function.Supplier;

/**
 * Lets a call to an {@link ApiKeyRequired} resource through only with
 * {@code Authorization: Bearer <missive.api-key>}; otherwise answers 401 with
 * {@code WWW-Authenticate: Bearer realm="missive"} and a JSON {@link ApiError} (code
 * {@value ApiError#UNAUTHORIZED}). A server without a configured key refuses every such call.
 * The key is read once, on the first call.
 */
@Provider
@ApiKeyRequired
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    /** The name of the bearer scheme in the OpenAPI document. */
    public static final String SECURITY_SCHEME = "apiKey";
    /** The name of the end users' access-token scheme in the OpenAPI document. */
    public static final String TOKEN_SCHEME = "userToken";
    static final String REALM = ApiKeyCheck.REALM;

    private final Supplier<ApiKeyCheck> source;
    private volatile ApiKeyCheck check;

    public ApiKeyFilter() {
        this(() -> ApiKeyCheck.forServer(ConfigProvider.getConfig().getOptionalValue(ApiKeyCheck.CONFIG_KEY, String.class)));
    }

    ApiKeyFilter(Supplier<ApiKeyCheck> source) {
        this.source = source;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Refusal refusal = refusalFor(outcome(request));
        if (refusal != null) {
            refuse(request, refusal);
        }
    }

    /** How the request's {@code Authorization} header fares against the API key. */
    ApiKeyCheck.Outcome outcome(ContainerRequestContext request) {
        return outcome(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    /** How an {@code Authorization} header (null when absent) fares against the API key. */
    public ApiKeyCheck.Outcome outcome(String authorizationHeader) {
        return check().check(authorizationHeader);
    }

    static void refuse(ContainerRequestContext request, Refusal refusal) {
        request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, refusal.challenge())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(refusal.error())
                .build());
    }

    /** A 401 answer: its {@code WWW-Authenticate} challenge and its body. */
    record Refusal(String challenge, ApiError error) {
    }

    /** The answer to a refused call, or null when the call may proceed. */
    static Refusal refusalFor(ApiKeyCheck.Outcome outcome) {
        return outcome == ApiKeyCheck.Outcome.ACCEPTED ? null : new Refusal(ApiKeyCheck.challenge(outcome),
                new ApiError(ApiError.UNAUTHORIZED, ApiKeyCheck.refusalText(outcome)));
    }

    private ApiKeyCheck check() {
        ApiKeyCheck c = check;
        if (c == null) {
            c = source.get();
            check = c;
        }
        return c;
    }
}
