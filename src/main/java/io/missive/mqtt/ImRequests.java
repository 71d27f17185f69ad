package io.missive.mqtt;

import io.missive.core.Publication;
import io.missive.config.SharedJson;
import io.missive.core.MessagingCore;
import io.missive.core.PublishCallback;
import io.missive.core.Refusal;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.session.ClientSession;
import io.missive.core.store.GroupDirectory;
import io.missive.core.store.GroupMembership;
import io.missive.core.store.ConversationHistory;
import io.missive.mqtt.ImFields.BadRequest;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.missive.mqtt.ImFields.id;

/**
 * Seed 003's request/response: a PUBLISH to {@code im://<route>/<method>?msg_id=N} with a JSON
 * body is answered on the same topic with {@code {"Trace", "Error", "Result"}}: Error empty on
 * success, Result empty on failure. Every request gets an answer, an unknown method an Error.
 * The {@code http://} and {@code https://} schemes go to the {@link HttpProxy}. This class routes,
 * parses the body, publishes ({@code send_to_user}, {@code send_to_feeds}) and wraps answers;
 * {@link ImGroupRequests} and {@link ImHistoryRequests} serve the rest. The methods run on the
 * caller's mailbox and may block on the database.
 */
final class ImRequests {

    private static final JsonProvider JSON = SharedJson.PROVIDER;

    private static final Logger LOG = Logger.getLogger(ImRequests.class.getName());

    /** The routes of the seed that pick a node by rule; with one node they all pick this one. */
    private static final Set<String> RULE_ROUTES = Set.of("modulus", "random", "cache");

    private final MessagingCore core;
    private final MqttSettings settings;
    private final ImGroupRequests groups;
    private final ImHistoryRequests history;
    private final HttpProxy proxy;

    ImRequests(MessagingCore core, MqttSettings settings, GroupDirectory groups, GroupMembership membership,
               ConversationHistory history, HttpProxy proxy, int maxHistory) {
        this.core = core;
        this.settings = settings;
        this.groups = new ImGroupRequests(core, groups, membership);
        this.history = new ImHistoryRequests(history, this.groups, maxHistory);
        this.proxy = proxy;
    }

    /**
     * Answers a request through {@code reply}, at once or once the core has done its part.
     *
     * @param session the user's core session; null for an anonymous client
     */
    void handle(String topic, byte[] body, String username, long uid, ClientSession session, Consumer<byte[]> reply) {
        String trace = HexFormat.of().formatHex(longBytes(ThreadLocalRandom.current().nextLong()));
        if (session == null) {
            reply.accept(error(trace, "log in with a username and password to use " + topic.substring(0, topic.indexOf(':'))));
            return;
        }
        if (!topic.startsWith("im://")) {
            proxy.forward(topic, body, result -> reply.accept(result(trace, result)), why -> reply.accept(error(trace, why)));
            return;
        }
        URI uri;
        try {
            uri = new URI(topic);
        } catch (URISyntaxException e) {
            reply.accept(error(trace, "not a URI: " + e.getMessage()));
            return;
        }
        String route = uri.getHost();
        if (route == null || !(RULE_ROUTES.contains(route) || route.equals(settings.nodeId()))) {
            reply.accept(error(trace, "no route or node '" + route + "'"));
            return;
        }
        String method = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        JsonObject request;
        try {
            String text = new String(body, StandardCharsets.UTF_8);
            request = text.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : SharedJson.readObject(text);
        } catch (JsonParsingException e) {
            reply.accept(error(trace, "the body is not a JSON object"));
            return;
        } catch (JsonException e) {
            reply.accept(error(trace, "the body is not a JSON object: " + e.getMessage()));
            return;
        }
        try {
            switch (method) {
                case "send_to_user" -> publish(session, new Target.User(id(request, "to")), request, trace, reply);
                case "send_to_feeds" -> publish(session, new Target.Group(id(request, "feeds")), request, trace, reply);
                case "history" -> reply.accept(result(trace, history.history(uid, request)));
                case "feeds_list" -> reply.accept(result(trace, groups.feedsList(uid)));
                case "create_feeds" -> reply.accept(result(trace, groups.createFeeds(uid, request)));
                case "join_feeds" -> groups.joinFeeds(uid, id(request, "feeds"), r -> reply.accept(result(trace, r)),
                        e -> reply.accept(error(trace, e)));
                case "agree_join_feeds" -> reply.accept(result(trace,
                        groups.addByMember(uid, id(request, "feeds"), id(request, "applicant"))));
                case "add_feeds_member" -> reply.accept(result(trace,
                        groups.addByMember(uid, id(request, "feeds"), id(request, "member"))));
                case "remove_feeds_member" -> reply.accept(result(trace,
                        groups.removeByMember(uid, id(request, "feeds"), id(request, "member"))));
                case "leave_feeds" -> reply.accept(result(trace, groups.removeByMember(uid, id(request, "feeds"), uid)));
                default -> reply.accept(error(trace, "unknown method '" + method + "'"));
            }
        } catch (BadRequest | IllegalArgumentException e) {
            reply.accept(error(trace, e.getMessage()));
        } catch (RuntimeException e) {
            // never silence: the client hears of a failure it can retry on
            LOG.log(Level.WARNING, "MSV1009 im://" + method + " of uid " + uid + " failed", e);
            reply.accept(error(trace, "server error; try again later"));
        }
    }

    private void publish(ClientSession session, Target target, JsonObject request, String trace, Consumer<byte[]> reply)
            throws BadRequest {
        JsonValue payload = request.get("payload");
        if (payload == null) {
            throw new BadRequest("'payload' is missing");
        }
        byte[] bytes = (payload instanceof JsonString s ? s.getString() : payload.toString())
                .getBytes(StandardCharsets.UTF_8);
        MessageId id = MessageId.random();
        core.publish(session, Publication.of(id, target, bytes), new PublishCallback() {
            @Override
            public void accepted(Message stored) {
                reply.accept(result(trace, JSON.createObjectBuilder()
                        .add("MsgId", stored.id().toText())
                        .add("Feeds", ImPushRecord.feedsOf(stored, session.uid()))
                        .add("SeqId", stored.seq())
                        .add("TimeCreate", stored.createdAtMillis() / 1000)
                        .build()));
            }

            @Override
            public void refused(Refusal refusal, String detail) {
                reply.accept(error(trace, refusal.text() + ": " + detail));
            }
        });
    }

    static byte[] result(String trace, JsonValue result) {
        return JSON.createObjectBuilder().add("Trace", trace).add("Error", "").add("Result", result).build()
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] error(String trace, String error) {
        return JSON.createObjectBuilder().add("Trace", trace).add("Error", error).add("Result", "").build()
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longBytes(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }
}
