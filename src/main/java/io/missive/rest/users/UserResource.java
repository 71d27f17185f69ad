package io.missive.rest.users;

import io.missive.auth.AccountStatus;
import io.missive.auth.AdminRole;
import io.missive.auth.PasswordHasher;
import io.missive.core.MessagingCore;
import io.missive.repository.UserAccount;
import io.missive.repository.UserRepository;
import io.missive.rest.CommonResponses;
import io.missive.rest.InputRules;
import io.missive.rest.errors.ApiError;
import io.missive.rest.errors.ApiException;
import io.missive.rest.security.ApiKeyFilter;
import io.missive.rest.security.ManagementRequired;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;

/**
 * User accounts: create, look up, disable or enable, set the role or the password. Open to back ends
 * (the API key) and administrators (an admin's access token). Users are never deleted
 * (their uids stay in stored messages); disable them instead.
 */
@Path("users")
@RequestScoped
@ManagementRequired
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users", description = "User accounts")
@SecurityRequirement(name = ApiKeyFilter.SECURITY_SCHEME)
@SecurityRequirement(name = ApiKeyFilter.TOKEN_SCHEME)
@APIResponse(responseCode = "403", ref = CommonResponses.FORBIDDEN)
@APIResponse(responseCode = "401", ref = CommonResponses.UNAUTHORIZED)
public class UserResource {

    static final String UID = "uid";

    @Inject
    private UserRepository users;

    @Inject
    private PasswordHasher hasher;

    @Inject
    private AccountStatus accounts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user", description = "The password is stored as a salted PBKDF2 hash."
            + " Role defaults to \"user\".")
    @APIResponse(responseCode = "201", description = "Created; Location is the user's URI",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserJson.class)))
    @APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", description = "The username is taken",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull(message = "is required (a JSON object)") CreateUserRequest body,
                           @Context UriInfo uri) {
        if (users.findByUsername(body.username).isPresent()) {
            throw taken(body.username);   // before hashing: a taken name costs no PBKDF2
        }
        String role = body.role == null ? "user" : body.role;
        // a race lost to another create of the same name is the store's DuplicateEntityException: 409
        UserAccount user = users.create(body.username, hash(body.password), role);
        // read back: the answer shows what is stored (PostgreSQL keeps microseconds, Java has nanoseconds)
        UserAccount stored = users.find(user.uid()).orElse(user);
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(user.uid())).build())
                .entity(UserJson.of(stored))
                .build();
    }

    @GET
    @Path("{uid}")
    @Operation(summary = "Get a user by uid")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserJson.class)))
    @APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public UserJson get(
            @PathParam(UID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String uid) {
        long id = InputRules.id(uid, UID);
        return users.find(id).map(UserJson::of).orElseThrow(() -> ApiException.notFound("no user " + id));
    }

    @GET
    @Operation(summary = "Find a user by username", description = "The exact username, as given at creation")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserJson.class)))
    @APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public UserJson findByUsername(@QueryParam("username") @Parameter(required = true) String username) {
        if (username == null || username.isEmpty()) {
            throw ApiException.invalid("the query parameter username is required: /api/users?username=<name>");
        }
        return users.findByUsername(username).map(UserJson::of)
                .orElseThrow(() -> ApiException.notFound("no user named '" + username + "'"));
    }

    @PUT
    @Path("{uid}/disabled")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Disable or enable a user", description = "{\"disabled\":true} disables the account:"
            + " its logins are refused and its live connections closed. {\"disabled\":false} enables it again. Idempotent.")
    @APIResponse(responseCode = "200", description = "The user after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserJson.class)))
    @APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public UserJson setDisabled(
            @PathParam(UID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String uid,
            @Valid @NotNull(message = "is required (a JSON object)") SetDisabledRequest body) {
        return UserJson.of(accounts.set(InputRules.id(uid, UID), body.disabled));
    }

    @PUT
    @Path("{uid}/role")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a user's role", description = "{\"role\":\"admin\"} makes the user an administrator"
            + " (the admin API and console, management with an access token); {\"role\":\"user\"} takes it back."
            + " Taking it back takes effect on the user's next call; a new admin logs in again for a token"
            + " that carries the role. Idempotent.")
    @APIResponse(responseCode = "200", description = "The user after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserJson.class)))
    @APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The system user or a push device, whose roles are fixed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public UserJson setRole(
            @PathParam(UID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String uid,
            @Valid @NotNull(message = "is required (a JSON object)") SetRoleRequest body) {
        long id = InputRules.id(uid, UID);
        UserAccount user = users.find(id).orElseThrow(() -> ApiException.notFound("no user " + id));
        if (!AdminRole.USER.equals(user.role()) && !AdminRole.ADMIN.equals(user.role())) {
            // the system user sends trusted publishes and a device's row is its identity: neither logs in with a password
            throw ApiException.conflict("user " + id + " has the fixed role '" + user.role() + "'");
        }
        return UserJson.of(users.setRole(id, body.role));
    }

    @PUT
    @Path("{uid}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a user's password")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The system user (uid 1), which never logs in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response setPassword(
            @PathParam(UID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String uid,
            @Valid @NotNull(message = "is required (a JSON object)") SetPasswordRequest body) {
        long id = InputRules.id(uid, UID);
        if (id == MessagingCore.SYSTEM_UID) {
            // a password would let anyone who knows it log in as the sender of trusted server publishes
            throw ApiException.conflict("uid " + id + " is the system user, which never logs in: it has no password");
        }
        if (users.find(id).isEmpty()) {
            throw ApiException.notFound("no user " + id);
        }
        users.setPasswordHash(id, hash(body.password));
        return Response.noContent().build();
    }

    private String hash(String password) {
        char[] secret = password.toCharArray();
        try {
            return hasher.hash(secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private static ApiException taken(String username) {
        return ApiException.conflict("username '" + username + "' is taken");
    }
}
