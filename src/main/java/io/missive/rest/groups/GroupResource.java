package io.missive.rest.groups;

import io.missive.core.MessagingCore;
import io.missive.core.model.MemberSet;
import io.missive.repository.Group;
import io.missive.repository.GroupRepository;
import io.missive.rest.CommonResponses;
import io.missive.rest.InputRules;
import io.missive.rest.errors.ApiException;
import io.missive.rest.security.ApiKeyFilter;
import io.missive.rest.security.Caller;
import io.missive.rest.security.CallerRequired;
import io.missive.rest.security.ManagementRequired;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Groups and their members: what the seed keeps in the Redis set {@code im_group:<id>} and
 * business back ends maintain (with the API key). A membership change reaches the delivery path's
 * cache once it is committed. A group's details and members are readable by its members too,
 * with their access token.
 */
@Path("groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "groups", description = "Groups and their members")
@SecurityRequirement(name = ApiKeyFilter.SECURITY_SCHEME)
@SecurityRequirement(name = ApiKeyFilter.TOKEN_SCHEME)
@APIResponse(responseCode = "403", ref = CommonResponses.FORBIDDEN)
@APIResponse(responseCode = "401", ref = CommonResponses.UNAUTHORIZED)
@APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
public class GroupResource {

    static final String ID = "id";
    static final String UID = "uid";

    @Inject
    private GroupRepository groups;

    @Inject
    private MessagingCore core;

    @ManagementRequired
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a group", description = "The group starts without members.")
    @APIResponse(responseCode = "201", description = "Created; Location is the group's URI",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupJson.class)))
    public Response create(@Valid @NotNull(message = "is required (a JSON object)") CreateGroupRequest body,
                           @Context UriInfo uri) {
        Group created = groups.create(body.name);
        // read back: the answer shows what is stored (PostgreSQL keeps microseconds, Java has nanoseconds)
        Group group = groups.find(created.id()).orElse(created);
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(group.id())).build())
                .entity(new GroupJson(group.id(), group.name(), group.createdAt(), 0))
                .build();
    }

    @GET
    @Path("{id}")
    @CallerRequired
    @SecurityRequirement(name = ApiKeyFilter.SECURITY_SCHEME)
    @SecurityRequirement(name = ApiKeyFilter.TOKEN_SCHEME)
    @Operation(summary = "Get a group with its member count", description = "For back ends and the group's members")
    @APIResponse(responseCode = "403", ref = CommonResponses.FORBIDDEN)
    @APIResponse(responseCode = "200", description = "The group",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupJson.class)))
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public GroupJson get(
            @PathParam(ID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String id,
            @Context SecurityContext security) {
        long groupId = InputRules.id(id, "group id");
        Group group = groups.find(groupId).orElseThrow(() -> noGroup(groupId));
        int count = readableMembers(groupId, Caller.of(security)).size();
        return new GroupJson(group.id(), group.name(), group.createdAt(), count);
    }

    @ManagementRequired
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a group", description = "Deletes its memberships and its stored messages too.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public Response delete(
            @PathParam(ID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String id) {
        groups.delete(InputRules.id(id, "group id"));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/members")
    @CallerRequired
    @SecurityRequirement(name = ApiKeyFilter.SECURITY_SCHEME)
    @SecurityRequirement(name = ApiKeyFilter.TOKEN_SCHEME)
    @Operation(summary = "List a group's members", description = "In uid order, with the time each joined."
            + " For back ends and the group's members.")
    @APIResponse(responseCode = "403", ref = CommonResponses.FORBIDDEN)
    @APIResponse(responseCode = "200", description = "The members",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MembersJson.class)))
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public MembersJson members(
            @PathParam(ID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String id,
            @Context SecurityContext security) {
        long groupId = InputRules.id(id, "group id");
        readableMembers(groupId, Caller.of(security));
        return new MembersJson(groupId, groups.memberList(groupId).stream()
                .map(m -> new MembersJson.Member(m.uid(), m.joinedAt()))
                .toList());
    }

    @ManagementRequired
    @PUT
    @Path("{id}/members/{uid}")
    @Operation(summary = "Add a member", description = "Idempotent. The new member receives the group's messages"
            + " from now on, not its history.")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MembershipJson.class)))
    @APIResponse(responseCode = "200", description = "A member already",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MembershipJson.class)))
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public Response addMember(
            @PathParam(ID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String id,
            @PathParam(UID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String uid) {
        long groupId = InputRules.id(id, "group id");
        long userId = InputRules.id(uid, UID);
        boolean added = groups.addMember(groupId, userId);
        return Response.status(added ? Response.Status.CREATED : Response.Status.OK)
                .entity(new MembershipJson(groupId, userId, added))
                .build();
    }

    @ManagementRequired
    @DELETE
    @Path("{id}/members/{uid}")
    @Operation(summary = "Remove a member")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public Response removeMember(
            @PathParam(ID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String id,
            @PathParam(UID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String uid) {
        long groupId = InputRules.id(id, "group id");
        long userId = InputRules.id(uid, UID);
        if (!groups.removeMember(groupId, userId)) {
            throw ApiException.notFound("user " + userId + " is not a member of group " + groupId);
        }
        return Response.noContent().build();
    }

    private MemberSet readableMembers(long groupId, Caller caller) {
        return caller.requireAccessTo(groupId, core.groupAccess());
    }

    private static ApiException noGroup(long groupId) {
        return ApiException.notFound("no group " + groupId);
    }
}
