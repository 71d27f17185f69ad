package io.missive.rest.messages;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** {@code POST /api/messages}: the stored message (the first one, for a repeated client message id). */
@Schema(name = "Published")
@JsonbPropertyOrder({"msgId", "seq", "conversationId", "createdAt"})
public record PublishedJson(@Schema(description = "32 characters") String msgId,
                            @Schema(description = "its number in the conversation") long seq,
                            long conversationId,
                            @Schema(type = SchemaType.STRING, format = "date-time") Instant createdAt) {
}
