package io.missive.mqtt;

import io.missive.core.MessagingCore;
import io.missive.core.PublishCallback;
import io.missive.core.Refusal;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.model.MemberSet;
import io.missive.core.session.ClientSession;
import io.missive.core.store.GroupDirectory;
import io.missive.core.store.GroupMembership;
import io.missive.core.store.ConversationHistory;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Seed 003's request/response: a PUBLISH to {@code im://<route>/<method>?msg_id=N} with a JSON
 * body is answered on the same topic with {@code {"Trace", "Error", "Result"}}: Error empty on
 * success, Result empty on failure. Every request gets an answer, an unknown method an Error.
 * The {@code http://} and {@code https://} schemes go to the {@link HttpProxy}. The methods run
 * on the caller's mailbox and may block on the database.
 */
final class ImRequests {

    /**
     * One provider for the class: {@code jakarta.json.Json}'s static methods look the provider up through a
     * ServiceLoader, a scan of the class path, on every call (in the benchmark's profile of {@code /put},
     * which built its answers the same way, a fifth of the request's CPU samples).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(ImRequests.class.getName());

    /** The routes of the seed that pick a node by rule; with one node they all pick this one. */
    private static final Set<String> RULE_ROUTES = Set.of("modulus", "random", "cache");

    /** Messages in one history answer by default; at most the REST history's page size. */
    static final int DEFAULT_HISTORY = 50;

    private final MessagingCore core;
    private final MqttSettings settings;
    private final GroupDirectory groups;
    private final GroupMembership membership;
    private final ConversationHistory history;
    private final HttpProxy proxy;
    private final int maxHistory;

    ImRequests(MessagingCore core, MqttSettings settings, GroupDirectory groups, GroupMembership membership,
               ConversationHistory history, HttpProxy proxy, int maxHistory) {
        this.proxy = proxy;
        this.maxHistory = maxHistory;
        this.core = core;
        this.settings = settings;
        this.groups = groups;
        this.membership = membership;
        this.history = history;
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
            request = text.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : JSON.createReader(new StringReader(text)).readObject();
        } catch (JsonParsingException | ClassCastException | IllegalStateException e) {
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
                case "history" -> reply.accept(result(trace, history(uid, request)));
                case "feeds_list" -> reply.accept(result(trace, feedsList(uid)));
                case "create_feeds" -> reply.accept(result(trace, createFeeds(uid, request)));
                case "join_feeds" -> joinFeeds(uid, id(request, "feeds"), trace, reply);
                case "agree_join_feeds" -> reply.accept(result(trace,
                        addByMember(uid, id(request, "feeds"), id(request, "applicant"))));
                case "add_feeds_member" -> reply.accept(result(trace,
                        addByMember(uid, id(request, "feeds"), id(request, "member"))));
                case "remove_feeds_member" -> reply.accept(result(trace,
                        removeByMember(uid, id(request, "feeds"), id(request, "member"))));
                case "leave_feeds" -> reply.accept(result(trace, removeByMember(uid, id(request, "feeds"), uid)));
                default -> reply.accept(error(trace, "unknown method '" + method + "'"));
            }
        } catch (BadRequest | IllegalArgumentException e) {
            reply.accept(error(trace, e.getMessage()));
        } catch (RuntimeException e) {
            // never silence: the client hears of a failure it can retry on
            LOG.log(Level.WARNING, "im://" + method + " of uid " + uid + " failed", e);
            reply.accept(error(trace, "server error; try again later"));
        }
    }

    /** {"feeds": "<group id>" or "user:<uid>", "before_seq": N, "limit": N}: a page of the conversation, oldest first. */
    private JsonObject history(long uid, JsonObject request) throws BadRequest {
        String feeds = text(request, "feeds");
        long before = request.containsKey("before_seq") ? id(request, "before_seq") : Long.MAX_VALUE;
        int limit = request.containsKey("limit") ? (int) Math.min(id(request, "limit"), maxHistory)
                : Math.min(DEFAULT_HISTORY, maxHistory);
        List<Message> page;
        if (feeds.startsWith("user:")) {
            page = history.ofPair(uid, parseId(feeds.substring(5), "feeds"), before, limit);
        } else {
            long group = parseId(feeds, "feeds");
            requireMember(uid, group);
            page = history.ofGroup(group, uid, before, limit);
        }
        JsonArrayBuilder messages = JSON.createArrayBuilder();
        for (Message m : page) {
            messages.add(ImPushRecord.message(m, ImPushRecord.feedsOf(m, uid)));
        }
        return JSON.createObjectBuilder().add("feeds", feeds).add("messages", messages).build();
    }

    private JsonArray feedsList(long uid) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (GroupMembership.GroupSummary g : membership.groupsOf(uid)) {
            list.add(JSON.createObjectBuilder().add("feeds", Long.toString(g.id())).add("name", g.name()));
        }
        return list.build();
    }

    /** {"name": "...", "members": [uid, ...]}: the caller is a member too. */
    private JsonObject createFeeds(long uid, JsonObject request) throws BadRequest {
        String name = text(request, "name");
        if (name.isBlank() || name.length() > 128) {
            throw new BadRequest("'name' must have 1 to 128 characters");
        }
        JsonValue listed = request.getOrDefault("members", JsonValue.EMPTY_JSON_ARRAY);
        if (!(listed instanceof JsonArray array)) {
            throw new BadRequest("'members' must be an array of uids");
        }
        long[] members = new long[array.size() + 1];
        members[0] = uid;
        for (int i = 0; i < array.size(); i++) {
            JsonValue v = array.get(i);
            members[i + 1] = parseId(v instanceof JsonString str ? str.getString() : v.toString(), "members");
        }
        long id = membership.create(name, Arrays.stream(members).distinct().toArray());
        return JSON.createObjectBuilder().add("feeds", Long.toString(id)).build();
    }

    /**
     * Asks to join: the group's members get the application as a message from the system user,
     * {"Type": "join_request", "applicant": "<uid>", "feeds": "<group id>"}; one of them answers
     * with agree_join_feeds.
     */
    private void joinFeeds(long uid, long group, String trace, Consumer<byte[]> reply) throws BadRequest {
        Optional<MemberSet> members = groups.members(group);
        if (members.isEmpty()) {
            throw new BadRequest("no group " + group);
        }
        if (members.get().contains(uid)) {
            reply.accept(result(trace, JSON.createValue("member already")));
            return;
        }
        byte[] application = JSON.createObjectBuilder().add("Type", "join_request")
                .add("applicant", Long.toString(uid)).add("feeds", Long.toString(group)).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        core.publishAsSystem(Runnable::run, MessageId.random(), new Target.Group(group), application,
                new PublishCallback() {
                    @Override
                    public void accepted(Message stored) {
                        reply.accept(result(trace, JSON.createValue("applied")));
                    }

                    @Override
                    public void refused(Refusal refusal, String detail) {
                        reply.accept(error(trace, refusal.text() + ": " + detail));
                    }
                });
    }

    private JsonValue addByMember(long uid, long group, long newMember) throws BadRequest {
        requireMember(uid, group);
        return JSON.createValue(membership.add(group, newMember) ? "success" : "member already");
    }

    private JsonValue removeByMember(long uid, long group, long member) throws BadRequest {
        requireMember(uid, group);
        if (!membership.remove(group, member)) {
            throw new BadRequest("uid " + member + " is not a member of group " + group);
        }
        return JSON.createValue("success");
    }

    private void requireMember(long uid, long group) throws BadRequest {
        switch (core.groupAccess().check(group, uid, false).outcome()) {
            case ALLOWED -> { }
            case NO_GROUP -> throw new BadRequest("no group " + group);
            case NOT_A_MEMBER -> throw new BadRequest("uid " + uid + " is not a member of group " + group);
        }
    }

    private static String text(JsonObject request, String field) throws BadRequest {
        JsonValue value = request.get(field);
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonNumber n) {
            return n.toString();
        }
        throw new BadRequest("'" + field + "' is missing");
    }

    private static long parseId(String text, String field) throws BadRequest {
        try {
            long id = Long.parseLong(text.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("'" + field + "' holds '" + text + "', not an id");
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
        core.publish(session, id, target, bytes, 0, new PublishCallback() {
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

    /** A positive id given as a JSON number or a decimal string (the seed's examples use strings). */
    private static long id(JsonObject request, String field) throws BadRequest {
        JsonValue value = request.get(field);
        try {
            long id;
            if (value instanceof JsonNumber n) {
                id = n.longValueExact();
            } else if (value instanceof JsonString s) {
                id = Long.parseLong(s.getString().trim());
            } else {
                throw new BadRequest("'" + field + "' is missing");
            }
            if (id <= 0) {
                throw new BadRequest("'" + field + "' must be positive");
            }
            return id;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadRequest("'" + field + "' is not an id");
        }
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

    /** A request the method cannot serve, with the reason the client gets as Error. */
    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
