package io.missive.rest.security;

import io.missive.auth.AccessTokens;
import io.missive.auth.AccountStatus;
import io.missive.auth.AdminRole;
import io.missive.auth.ApiKeyCheck;
import io.missive.rest.errors.ApiError;
import io.missive.rest.errors.Errors;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * Finds out who calls, from the API key (a back end) or an access token (an end user, perhaps an
 * administrator), records it as the request's {@link Caller}, and lets each kind of endpoint say
 * whom it serves ({@link #refusal}). No credential, a wrong key or a bad token is 401 with a JSON
 * {@link ApiError}; a known caller the endpoint does not serve is 403.
 */
abstract class CredentialFilter implements ContainerRequestFilter {

    private final ApiKeyFilter apiKey = new ApiKeyFilter();
    private volatile AccessTokens tokens;
    private volatile AccountStatus accounts;
    private volatile AdminRole admins;

    @Override
    public final void filter(ContainerRequestContext request) {
        Caller caller = caller(request);
        if (caller == null) {
            return;   // refused with 401
        }
        String refusal = refusal(caller);
        if (refusal != null) {
            request.abortWith(Errors.response(Response.Status.FORBIDDEN, ApiError.FORBIDDEN, refusal));
            return;
        }
        request.setSecurityContext(caller.securityContext(request.getSecurityContext()));
    }

    /** Why this endpoint refuses a caller it knows (403), or null when it serves them. */
    abstract String refusal(Caller caller);

    private Caller caller(ContainerRequestContext request) {
        if (apiKey.outcome(request) == ApiKeyCheck.Outcome.ACCEPTED) {
            return Caller.BACK_END;
        }
        String credential = ApiKeyCheck.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (credential == null) {
            ApiKeyFilter.refuse(request, new ApiKeyFilter.Refusal("Bearer realm=\"" + ApiKeyFilter.REALM + "\"",
                    new ApiError(ApiError.UNAUTHORIZED,
                            "a credential is required: Authorization: Bearer <API key or access token>")));
            return null;
        }
        Optional<AccessTokens.Claims> claims = tokens().claims(credential);
        if (claims.isEmpty()) {
            ApiKeyFilter.refuse(request, new ApiKeyFilter.Refusal(
                    "Bearer realm=\"" + ApiKeyFilter.REALM + "\", error=\"invalid_token\"",
                    new ApiError(ApiError.UNAUTHORIZED, "neither the API key nor a valid access token"
                            + " (expired, or not signed by this server): log in again at /api/auth/login")));
            return null;
        }
        if (!accounts().isActive(claims.get().uid())) {
            ApiKeyFilter.refuse(request, new ApiKeyFilter.Refusal(
                    "Bearer realm=\"" + ApiKeyFilter.REALM + "\", error=\"invalid_token\"",
                    new ApiError(ApiError.UNAUTHORIZED, "the access token's account is disabled or gone")));
            return null;
        }
        return new Caller(claims.get().uid(), admins().holds(claims.get()));
    }

    private AccountStatus accounts() {
        AccountStatus a = accounts;
        if (a == null) {
            a = CDI.current().select(AccountStatus.class).get();
            accounts = a;
        }
        return a;
    }

    // looked up, not injected: JAX-RS makes these providers, not CDI
    private AccessTokens tokens() {
        AccessTokens t = tokens;
        if (t == null) {
            t = CDI.current().select(AccessTokens.class).get();
            tokens = t;
        }
        return t;
    }

    private AdminRole admins() {
        AdminRole a = admins;
        if (a == null) {
            a = CDI.current().select(AdminRole.class).get();
            admins = a;
        }
        return a;
    }
}
