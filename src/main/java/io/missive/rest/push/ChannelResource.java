package io.missive.rest.push;

import io.missive.core.store.ChannelDirectory;
import io.missive.push.BusinessPut;
import io.missive.core.store.UserDirectory;
import io.missive.rest.CommonResponses;
import io.missive.rest.InputRules;
import io.missive.rest.errors.ApiException;
import io.missive.rest.security.ManagementRequired;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;

/**
 * Push channels' subscribers, managed by back ends: devices subscribe themselves with the text
 * protocol's SUB, and a back end can subscribe any account (a user of the binary protocol, a
 * device) the way push services let servers subscribe app instances to a topic. A subscriber
 * receives the channel's messages from the moment it subscribed, online or not.
 */
@Path("channels")
@Produces(MediaType.APPLICATION_JSON)
@ManagementRequired
@Tag(name = "channels", description = "Push channels and their subscribers")
@APIResponse(responseCode = "403", ref = CommonResponses.FORBIDDEN)
@APIResponse(responseCode = "401", ref = CommonResponses.UNAUTHORIZED)
@APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
public class ChannelResource {

    private static final String ID = "id";
    private static final String UID = "uid";

    /** A channel's subscribers, in uid order. */
    @Schema(name = "ChannelSubscribers")
    public record SubscribersJson(long channelId, List<Long> subscribers) {
    }

    /** One subscription and whether this call made it. */
    @Schema(name = "ChannelSubscription")
    public record SubscriptionJson(long channelId, long uid, boolean subscribed) {
    }

    @Inject
    private ChannelDirectory channels;

    @Inject
    private UserDirectory users;

    @GET
    @Path("{id}/subscribers")
    @Operation(summary = "List a channel's subscribers", description = "Empty for a channel nobody subscribes to.")
    @APIResponse(responseCode = "200", description = "The subscribers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscribersJson.class)))
    public SubscribersJson subscribers(
            @PathParam(ID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String id) {
        long channelId = channelId(id);
        long[] uids = channels.subscribers(channelId).toArray();
        Arrays.sort(uids);
        return new SubscribersJson(channelId, Arrays.stream(uids).boxed().toList());
    }

    @PUT
    @Path("{id}/subscribers/{uid}")
    @Operation(summary = "Subscribe an account", description = "Idempotent. The account receives the channel's"
            + " messages from now on, not earlier ones.")
    @APIResponse(responseCode = "201", description = "Subscribed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionJson.class)))
    @APIResponse(responseCode = "200", description = "Subscribed already",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionJson.class)))
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public Response subscribe(
            @PathParam(ID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String id,
            @PathParam(UID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String uid) {
        long channelId = channelId(id);
        long account = InputRules.id(uid, UID);
        if (!users.exists(account)) {
            throw ApiException.notFound("no user or device " + account);
        }
        boolean added = channels.subscribe(channelId, account);
        return Response.status(added ? Response.Status.CREATED : Response.Status.OK)
                .entity(new SubscriptionJson(channelId, account, added))
                .build();
    }

    @DELETE
    @Path("{id}/subscribers/{uid}")
    @Operation(summary = "Unsubscribe an account")
    @APIResponse(responseCode = "204", description = "Unsubscribed")
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public Response unsubscribe(
            @PathParam(ID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String id,
            @PathParam(UID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String uid) {
        long channelId = channelId(id);
        long account = InputRules.id(uid, UID);
        if (!channels.unsubscribe(channelId, account)) {
            throw ApiException.notFound(account + " is not subscribed to channel " + channelId);
        }
        return Response.noContent().build();
    }

    private static long channelId(String raw) {
        long id = BusinessPut.channelId(raw);
        if (id <= 0) {
            throw ApiException.invalid("channel id must be a whole number from 1 to " + Long.MAX_VALUE);
        }
        return id;
    }
}
