package io.missive.rest.auth;

import io.missive.auth.AccessTokens;
import io.missive.auth.AdminRole;
import io.missive.core.MessagingCore;
import io.missive.core.auth.AuthResult;
import io.missive.core.auth.LoginFailure;
import io.missive.repository.UserAccount;
import io.missive.repository.UserRepository;
import io.missive.rest.errors.ApiError;
import io.missive.rest.errors.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * End users' login: username and password, checked by the core's authenticator (Missive's own
 * accounts or the user centre, whichever {@code missive.auth.mode} says), give a short-lived
 * access token for the calls a browser or an app makes (its history, its groups).
 */
@Path("auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth", description = "End users' access tokens")
public class AuthResource {

    /** The client's address, as login limits count it. */
    @Context
    private HttpServletRequest request;

    @Inject
    private MessagingCore core;

    @Inject
    private AccessTokens tokens;

    @Inject
    private UserRepository users;

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in", description = "Answers a signed JWT (RS256) valid for missive.auth.token.ttl."
            + " Send it as Authorization: Bearer <accessToken>.")
    @APIResponse(responseCode = "200", description = "Logged in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenJson.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or a missing field",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "Wrong username or password",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The account is disabled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Too many failed logins from this address or for this username"
            + " lately; the Retry-After header says when to try again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The login could not be checked (user centre unreachable)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public TokenJson login(@Valid @NotNull(message = "is required (a JSON object)") LoginRequest body) {
        AuthResult result = core.authenticate(body.username, body.password, request.getRemoteAddr());
        if (result instanceof AuthResult.Throttled throttled) {
            throw ApiException.tooManyRequests("too many failed logins; try again in "
                    + throttled.retryAfterSeconds() + " s", throttled.retryAfterSeconds());
        }
        if (result instanceof AuthResult.Accepted accepted) {
            // an account the user centre knows and PostgreSQL does not is a plain user
            String role = users.find(accepted.uid()).map(UserAccount::role).orElse(AdminRole.USER);
            AccessTokens.Issued issued = tokens.issue(accepted.uid(), accepted.username(), role);
            return new TokenJson(issued.token(), "Bearer", tokens.ttl().toSeconds(), issued.expiresAt(),
                    accepted.uid(), accepted.username());
        }
        throw refusal(result.failure());
    }

    /** The core's login result as an HTTP answer: REST's one place for it. */
    private static ApiException refusal(LoginFailure failure) {
        return switch (failure) {
            case BAD_CREDENTIALS -> new ApiException(Response.Status.UNAUTHORIZED, ApiError.UNAUTHORIZED,
                    "wrong username or password");
            case DISABLED -> new ApiException(Response.Status.FORBIDDEN, ApiError.FORBIDDEN, "the account is disabled");
            case UNAVAILABLE -> new ApiException(Response.Status.SERVICE_UNAVAILABLE, ApiError.UNAVAILABLE,
                    "the login cannot be checked now; try again later");
            // a token login opens no session, so no duplicate-login rule applies; kept total for the compiler
            case DUPLICATE -> new ApiException(Response.Status.CONFLICT, ApiError.CONFLICT, "connected already");
        };
    }

    @GET
    @Path("jwks")
    @Operation(summary = "The public key of access tokens (JWK set)",
            description = "For services that verify Missive's tokens themselves, e.g. MicroProfile JWT with"
                    + " mp.jwt.verify.publickey.location pointing here.")
    @APIResponse(responseCode = "200", description = "The JWK set")
    public Map<String, Object> jwks() {
        return tokens.publicKeys();
    }
}
