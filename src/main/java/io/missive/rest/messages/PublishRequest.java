package io.missive.rest.messages;

import io.missive.rest.InputRules;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * {@code POST /api/messages}: a back end's publish. Exactly one of {@code user}, {@code group} or
 * {@code channel} names the target ({@code members} narrows a group to some of its members);
 * exactly one of {@code payload} (text, sent as UTF-8) or {@code payloadBase64} (bytes) is the
 * message. Unknown fields are ignored.
 */
@Schema(name = "Publish")
public class PublishRequest {

    static final String CLIENT_MSG_ID_PATTERN = "[\\x21-\\x7e]{1,64}";
    static final long MAX_TTL_SECONDS = 31_536_000L * 10;

    @Schema(description = "The sender's uid; absent for the system user (uid 1), who may write to any user or group."
            + " A sender must be a member of a target group.", minimum = "1", maximum = "4294967295", example = "1001")
    @Min(value = 1, message = "must be a uid from 1 to 4294967295")
    @Max(value = InputRules.MAX_ID, message = "must be a uid from 1 to 4294967295")
    public Long from;

    @Schema(description = "A private message to this user", minimum = "1", maximum = "4294967295")
    @Min(value = 1, message = "must be a uid from 1 to 4294967295")
    @Max(value = InputRules.MAX_ID, message = "must be a uid from 1 to 4294967295")
    public Long user;

    @Schema(description = "A message to this group's members", minimum = "1", maximum = "4294967295")
    @Min(value = 1, message = "must be a group id from 1 to 4294967295")
    @Max(value = InputRules.MAX_ID, message = "must be a group id from 1 to 4294967295")
    public Long group;

    @Schema(description = "With group: only these members receive it (others listed are skipped)", maxItems = 65535)
    @Size(min = 1, max = 65535, message = "must list 1 to 65535 uids")
    public List<@Min(value = 1, message = "must be uids from 1 to 4294967295")
            @Max(value = InputRules.MAX_ID, message = "must be uids from 1 to 4294967295") Long> members;

    @Schema(description = "A message to every subscriber of this push channel", minimum = "1")
    @Min(value = 1, message = "must be a channel id from 1 to 9223372036854775807")
    public Long channel;

    @Schema(description = "The message as text (stored as UTF-8)", example = "hello")
    public String payload;

    @Schema(description = "The message as base64 bytes")
    public String payloadBase64;

    @Schema(description = "Seconds the message is kept for delivery; absent or 0 for the server's default",
            minimum = "0", maximum = "315360000")
    @Min(value = 0, message = "must be 0 to 315360000 seconds")
    @Max(value = MAX_TTL_SECONDS, message = "must be 0 to 315360000 seconds")
    public Long ttlSeconds;

    @Schema(description = "The back end's own id of the message: a second publish with the same sender and id"
            + " stores nothing and answers the first one's msgId and seq", pattern = CLIENT_MSG_ID_PATTERN,
            maxLength = 64, example = "order-4711-shipped")
    @Pattern(regexp = CLIENT_MSG_ID_PATTERN, message = "must be 1 to 64 printable ASCII characters without spaces")
    public String clientMsgId;

    @Override
    public String toString() {
        return "PublishRequest[from=" + from + ", user=" + user + ", group=" + group + ", channel=" + channel + "]";
    }
}
