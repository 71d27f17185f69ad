package io.missive.rest.groups;

import io.missive.core.model.MemberSet;
import io.missive.repository.GroupRepository;
import io.missive.repository.UserRepository;
import io.missive.rest.CommonResponses;
import io.missive.rest.InputRules;
import io.missive.rest.errors.ApiException;
import io.missive.rest.security.ApiKeyFilter;
import io.missive.rest.security.Caller;
import io.missive.rest.security.CallerRequired;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A user's group list (seed 003): for a back end, or for the user themself. */
@Path("users/{uid}/groups")
@RequestScoped
@CallerRequired
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "groups")
@SecurityRequirement(name = ApiKeyFilter.SECURITY_SCHEME)
@SecurityRequirement(name = ApiKeyFilter.TOKEN_SCHEME)
public class UserGroupResource {

    @Inject
    private GroupRepository groups;

    @Inject
    private UserRepository users;

    @GET
    @Operation(summary = "The groups a user is in", description = "In id order, with member counts.")
    @APIResponse(responseCode = "200", description = "The groups",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupListJson.class)))
    @APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = CommonResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = CommonResponses.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public GroupListJson list(
            @PathParam("uid") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String uid,
            @Context SecurityContext security) {
        long id = InputRules.id(uid, "uid");
        Caller.of(security).requireUserAmong("the groups of user " + id, id);
        if (users.find(id).isEmpty()) {
            throw ApiException.notFound("no user " + id);
        }
        return new GroupListJson(id, groups.groupsOf(id).stream()
                .map(g -> new GroupJson(g.id(), g.name(), g.createdAt(),
                        groups.members(g.id()).map(MemberSet::size).orElse(0)))
                .toList());
    }
}
