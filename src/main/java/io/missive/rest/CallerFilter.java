package io.missive.rest;

import io.missive.auth.AccessTokens;
import io.missive.auth.ApiKeyCheck;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

/**
 * Lets a {@link CallerRequired} call through with the API key (a back end) or a valid access
 * token (an end user), and records which as the request's {@link Caller}. Anything else is 401
 * with a JSON {@link ApiError}: no credential, an expired or forged token, a wrong key.
 */
@Provider
@CallerRequired
@Priority(Priorities.AUTHENTICATION)
public class CallerFilter implements ContainerRequestFilter {

    private final ApiKeyFilter apiKey = new ApiKeyFilter();
    private volatile AccessTokens tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        ApiKeyCheck.Outcome outcome = apiKey.outcome(request);
        if (outcome == ApiKeyCheck.Outcome.ACCEPTED) {
            request.setSecurityContext(Caller.BACK_END.securityContext(request.getSecurityContext()));
            return;
        }
        String credential = ApiKeyCheck.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (credential == null) {
            ApiKeyFilter.refuse(request, new ApiKeyFilter.Refusal("Bearer realm=\"" + ApiKeyFilter.REALM + "\"",
                    new ApiError(ApiError.UNAUTHORIZED,
                            "a credential is required: Authorization: Bearer <API key or access token>")));
            return;
        }
        Optional<Long> uid = tokens().verify(credential);
        if (uid.isEmpty()) {
            ApiKeyFilter.refuse(request, new ApiKeyFilter.Refusal(
                    "Bearer realm=\"" + ApiKeyFilter.REALM + "\", error=\"invalid_token\"",
                    new ApiError(ApiError.UNAUTHORIZED, "neither the API key nor a valid access token"
                            + " (expired, or not signed by this server): log in again at /api/auth/login")));
            return;
        }
        request.setSecurityContext(new Caller(uid.get()).securityContext(request.getSecurityContext()));
    }

    // looked up, not injected: JAX-RS makes this provider, not CDI
    private AccessTokens tokens() {
        AccessTokens t = tokens;
        if (t == null) {
            t = CDI.current().select(AccessTokens.class).get();
            tokens = t;
        }
        return t;
    }
}
