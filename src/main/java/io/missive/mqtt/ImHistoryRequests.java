package io.missive.mqtt;

import io.missive.config.SharedJson;
import io.missive.core.model.Message;
import io.missive.core.store.ConversationHistory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import java.util.List;

import static io.missive.mqtt.ImFields.id;
import static io.missive.mqtt.ImFields.parseId;
import static io.missive.mqtt.ImFields.text;

/** Seed 003's {@code history} request: a page of a conversation the caller is in, oldest first. */
final class ImHistoryRequests {

    private static final JsonProvider JSON = SharedJson.PROVIDER;

    /** Messages in one history answer by default; at most the REST history's page size. */
    static final int DEFAULT_HISTORY = 50;

    private final ConversationHistory history;
    private final ImGroupRequests groups;
    private final int maxHistory;

    ImHistoryRequests(ConversationHistory history, ImGroupRequests groups, int maxHistory) {
        this.history = history;
        this.groups = groups;
        this.maxHistory = maxHistory;
    }

    /** {"feeds": "<group id>" or "user:<uid>", "before_seq": N, "limit": N}. */
    JsonObject history(long uid, JsonObject request) throws ImFields.BadRequest {
        String feeds = text(request, "feeds");
        long before = request.containsKey("before_seq") ? id(request, "before_seq") : Long.MAX_VALUE;
        int limit = request.containsKey("limit") ? (int) Math.min(id(request, "limit"), maxHistory)
                : Math.min(DEFAULT_HISTORY, maxHistory);
        List<Message> page;
        if (feeds.startsWith("user:")) {
            page = history.ofPair(uid, parseId(feeds.substring(5), "feeds"), before, limit);
        } else {
            long group = parseId(feeds, "feeds");
            groups.requireMember(uid, group);
            page = history.ofGroup(group, uid, before, limit);
        }
        JsonArrayBuilder messages = JSON.createArrayBuilder();
        for (Message m : page) {
            messages.add(ImPushRecord.message(m, ImPushRecord.feedsOf(m, uid)));
        }
        return JSON.createObjectBuilder().add("feeds", feeds).add("messages", messages).build();
    }
}
