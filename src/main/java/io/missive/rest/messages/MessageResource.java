package io.missive.rest.messages;

import io.missive.core.Publication;
import io.missive.core.MessagingCore;
import io.missive.core.Refusal;
import io.missive.core.TimedPublishReply;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.repository.UserRepository;
import io.missive.rest.CommonResponses;
import io.missive.rest.errors.ApiException;
import io.missive.rest.errors.Errors;
import io.missive.rest.security.ApiKeyFilter;
import io.missive.rest.security.ApiKeyRequired;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;

/**
 * Server-to-server publishing: a back end sends a message to a user, a group, part of a group or
 * a push channel, as one of its users or as the system user. Answered once the message is
 * committed.
 */
@Path("messages")
@RequestScoped
@ApiKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "messages", description = "Server-to-server publishing")
@SecurityRequirement(name = ApiKeyFilter.SECURITY_SCHEME)
public class MessageResource {

    @Inject
    private MessagingCore core;

    @Inject
    private UserRepository users;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a message", description = "Exactly one of user, group (with members for part of"
            + " it) or channel; exactly one of payload or payloadBase64. With clientMsgId a retry is idempotent.")
    @APIResponse(responseCode = "200", description = "Stored (now, or the first time for a repeated clientMsgId)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublishedJson.class)))
    @APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = CommonResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = CommonResponses.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    @APIResponse(responseCode = "413", ref = CommonResponses.PAYLOAD_TOO_LARGE)
    @APIResponse(responseCode = "503", ref = CommonResponses.NOT_STORED)
    public void publish(@Valid @NotNull(message = "is required (a JSON object)") PublishRequest body,
                        @Suspended AsyncResponse async) {
        Target target = target(body);
        byte[] payload = payload(body);
        long sender = body.from == null ? MessagingCore.SYSTEM_UID : body.from;
        if (sender != MessagingCore.SYSTEM_UID && users.find(sender).isEmpty()) {
            throw ApiException.notFound("from: no user " + sender);
        }
        long ttlMillis = body.ttlSeconds == null ? 0 : body.ttlSeconds * 1000;
        Publication publication = Publication.of(MessageId.random(), target, payload).withTtl(ttlMillis)
                .withClientMsgId(body.clientMsgId);
        TimedPublishReply<Response> reply = TimedPublishReply.on(core, core.newMailbox(), async::resume,
                MessageResource::published, MessageResource::refused,
                refused(Refusal.NOT_STORED, "no answer from the store in time"));
        core.publishForBackEnd(sender, reply.mailbox(), publication, reply);
    }

    private static Target target(PublishRequest body) {
        long targets = Stream.of(body.user, body.group, body.channel).filter(t -> t != null).count();
        if (targets != 1) {
            throw ApiException.invalid("name exactly one target: user, group or channel");
        }
        if (body.members != null && body.group == null) {
            throw ApiException.invalid("members narrows a group: it needs group");
        }
        if (body.user != null) {
            return new Target.User(body.user);
        }
        if (body.channel != null) {
            return new Target.Channel(body.channel);
        }
        return body.members == null ? new Target.Group(body.group)
                : new Target.GroupPart(body.group, body.members.stream().mapToLong(Long::longValue).toArray());
    }

    private static byte[] payload(PublishRequest body) {
        if ((body.payload == null) == (body.payloadBase64 == null)) {
            throw ApiException.invalid("give exactly one of payload (text) or payloadBase64 (bytes)");
        }
        byte[] bytes;
        if (body.payload != null) {
            bytes = body.payload.getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                bytes = Base64.getDecoder().decode(body.payloadBase64);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("payloadBase64 is not base64: " + e.getMessage());
            }
        }
        if (bytes.length == 0) {
            throw ApiException.invalid("the message is empty");
        }
        return bytes;
    }

    private static Response published(Message m) {
        return Response.ok(new PublishedJson(m.id().toText(), m.seq(), m.conversationId(),
                Instant.ofEpochMilli(m.createdAtMillis()))).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response refused(Refusal refusal, String detail) {
        Response.Status status = switch (refusal) {
            case UNKNOWN_RECIPIENT, UNKNOWN_GROUP, NO_SUBSCRIBER -> Response.Status.NOT_FOUND;
            case NOT_A_MEMBER -> Response.Status.FORBIDDEN;
            case PAYLOAD_TOO_LARGE -> Response.Status.REQUEST_ENTITY_TOO_LARGE;
            case NOT_ALLOWED -> Response.Status.BAD_REQUEST;
            case NOT_STORED -> Response.Status.SERVICE_UNAVAILABLE;
        };
        return Errors.response(status, Errors.codeFor(status.getStatusCode()), refusal.text() + ": " + detail);
    }
}
