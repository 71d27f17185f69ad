package io.missive.rest.messages;

import io.missive.config.HistorySettings;
import io.missive.core.MessagingCore;
import io.missive.repository.MessageHistory;
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
import jakarta.ws.rs.QueryParam;
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

import java.util.List;
import java.util.OptionalLong;

/**
 * History (seed 003): a conversation's stored messages, a page at a time by sequence number. A
 * back end reads any conversation; an end user reads a group's only as its member (and of a
 * message to part of the group only what was for them or from them), and a pair's only as one
 * of the two.
 */
@Path("conversations")
@RequestScoped
@CallerRequired
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "history", description = "Conversations' stored messages (seed 003)")
@SecurityRequirement(name = ApiKeyFilter.SECURITY_SCHEME)
@SecurityRequirement(name = ApiKeyFilter.TOKEN_SCHEME)
@APIResponse(responseCode = "200", description = "A page, oldest first",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryJson.class)))
@APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = CommonResponses.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = CommonResponses.FORBIDDEN)
public class ConversationResource {

    static final int DEFAULT_LIMIT = 50;

    @Inject
    private MessageHistory history;

    @Inject
    private MessagingCore core;

    @Inject
    private HistorySettings settings;

    @GET
    @Path("groups/{groupId}/messages")
    @Operation(summary = "A group's history", description = "Without before or after: the newest messages.")
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public HistoryJson group(
            @PathParam("groupId") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String groupId,
            @QueryParam("before") @Parameter(description = "the page ends below this SeqId") String before,
            @QueryParam("after") @Parameter(description = "the page starts above this SeqId") String after,
            @QueryParam("limit") @Parameter(description = "1 to missive.history.max-page-size; default 50") String limit,
            @Context SecurityContext security) {
        Caller caller = Caller.of(security);
        long id = InputRules.id(groupId, "group id");
        Page page = page(before, after, limit);
        caller.requireAccessTo(id, core.groupAccess());
        OptionalLong conversation = history.groupConversation(id);
        return read(Long.toString(id), conversation, page, caller);
    }

    @GET
    @Path("users/{uidA}/{uidB}/messages")
    @Operation(summary = "Two users' history", description = "Either order of the two uids."
            + " Without before or after: the newest messages.")
    public HistoryJson pair(
            @PathParam("uidA") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String uidA,
            @PathParam("uidB") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String uidB,
            @QueryParam("before") @Parameter(description = "the page ends below this SeqId") String before,
            @QueryParam("after") @Parameter(description = "the page starts above this SeqId") String after,
            @QueryParam("limit") @Parameter(description = "1 to missive.history.max-page-size; default 50") String limit,
            @Context SecurityContext security) {
        Caller caller = Caller.of(security);
        long a = InputRules.id(uidA, "uidA");
        long b = InputRules.id(uidB, "uidB");
        if (a == b) {
            throw ApiException.invalid("a conversation of two users needs two different uids");
        }
        Page page = page(before, after, limit);
        caller.requireUserAmong("the conversation of users " + a + " and " + b, a, b);
        // as the MQTT push record has it: the other party, seen from the reader (a back end reads as uidA)
        long peer = caller.uid() == b ? a : b;
        return read("user:" + peer, history.pairConversation(a, b), page, caller);
    }

    private record Page(MessageHistory.Direction direction, long from, int limit) {
    }

    private Page page(String before, String after, String limit) {
        if (before != null && after != null) {
            throw ApiException.invalid("give before or after, not both");
        }
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            long n = number(limit, "limit");
            if (n < 1 || n > settings.maxPageSize()) {
                throw ApiException.invalid("limit must be 1 to " + settings.maxPageSize() + ", not " + limit);
            }
            size = (int) n;
        }
        if (after != null) {
            return new Page(MessageHistory.Direction.AFTER, number(after, "after"), size);
        }
        return new Page(MessageHistory.Direction.BEFORE, before == null ? Long.MAX_VALUE : number(before, "before"), size);
    }

    /** A whole number from 0 to 2^63-1. */
    private static long number(String raw, String what) {
        if (raw.isEmpty() || raw.length() > 19 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.invalid(what + " must be a whole number from 0 to " + Long.MAX_VALUE);
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(what + " must be a whole number from 0 to " + Long.MAX_VALUE);
        }
    }

    private HistoryJson read(String feeds, OptionalLong conversation, Page page, Caller caller) {
        if (conversation.isEmpty()) {
            return new HistoryJson(feeds, null, List.of(), false);
        }
        List<HistoryRecordJson> messages = history.page(conversation.getAsLong(), page.direction(), page.from(),
                        page.limit(), caller.uid(), System.currentTimeMillis()).stream()
                .map(e -> HistoryRecordJson.of(e, feeds))
                .toList();
        return new HistoryJson(feeds, conversation.getAsLong(), messages, messages.size() == page.limit());
    }
}
