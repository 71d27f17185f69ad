package io.missive.mqtt;

import io.missive.core.MessagingCore;
import io.missive.core.PublishCallback;
import io.missive.core.Refusal;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.session.ClientSession;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Seed 003's request/response: a PUBLISH to {@code im://<route>/<method>?msg_id=N} with a JSON
 * body is answered on the same topic with {@code {"Trace", "Error", "Result"}}: Error empty on
 * success, Result empty on failure. Every request gets an answer, an unknown method an Error.
 * The {@code http://} proxy scheme is answered with an Error: the proxy is off.
 */
final class ImRequests {

    /** The routes of the seed that pick a node by rule; with one node they all pick this one. */
    private static final Set<String> RULE_ROUTES = Set.of("modulus", "random", "cache");

    private final MessagingCore core;
    private final MqttSettings settings;

    ImRequests(MessagingCore core, MqttSettings settings) {
        this.core = core;
        this.settings = settings;
    }

    /**
     * Answers a request through {@code reply}, at once or once the core has done its part.
     *
     * @param session the user's core session; null for an anonymous client
     */
    void handle(String topic, byte[] body, String username, long uid, ClientSession session, Consumer<byte[]> reply) {
        String trace = HexFormat.of().formatHex(longBytes(ThreadLocalRandom.current().nextLong()));
        if (!topic.startsWith("im://")) {
            reply.accept(error(trace, "the http proxy is off on this server"));
            return;
        }
        if (session == null) {
            reply.accept(error(trace, "log in with a username and password to use im://"));
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
            request = text.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : Json.createReader(new StringReader(text)).readObject();
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
                default -> reply.accept(error(trace, "unknown method '" + method + "'"));
            }
        } catch (BadRequest e) {
            reply.accept(error(trace, e.getMessage()));
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
        core.publish(session, id, target, bytes, 0, new PublishCallback() {
            @Override
            public void accepted(Message stored) {
                reply.accept(result(trace, Json.createObjectBuilder()
                        .add("MsgId", stored.id().toText())
                        .add("Feeds", ImPushRecord.feedsOf(stored))
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
        return Json.createObjectBuilder().add("Trace", trace).add("Error", "").add("Result", result).build()
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] error(String trace, String error) {
        return Json.createObjectBuilder().add("Trace", trace).add("Error", error).add("Result", "").build()
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
