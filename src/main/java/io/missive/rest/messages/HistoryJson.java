package io.missive.rest.messages;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A page of a conversation's history, oldest first. {@code hasMore}: the page is full, so more
 * may lie beyond it (ask with {@code before} its first SeqId, or {@code after} its last).
 *
 * @param conversationId null, and so left out, when the two users never exchanged a message
 */
@Schema(name = "History")
@JsonbPropertyOrder({"feeds", "conversationId", "messages", "hasMore"})
public record HistoryJson(String feeds, Long conversationId, List<HistoryRecordJson> messages, boolean hasMore) {
}
