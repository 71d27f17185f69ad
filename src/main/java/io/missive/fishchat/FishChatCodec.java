package io.missive.fishchat;

import io.missive.config.SharedJson;
import io.missive.core.model.MessageId;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * FishChat's frame bodies ({@code protocols/fishchat.md}, Framing): one JSON object
 * {@code {"CmdName":"...","Args":["..."]}}. Reading accepts what the Go clients send (a trailing
 * newline) and what the Android client's Gson sends (none), keys in any case, unknown keys
 * ignored, as the Go server's parser did. Writing produces exactly the Go server's bytes: the two
 * keys in that order, no spaces, HTML characters escaped, a newline at the end. The 4-byte length
 * in front is the transport's.
 */
public final class FishChatCodec {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FishChatCodec() {
    }

    /** Reads one frame's body. */
    public static FishChatCommand decode(byte[] body) throws MalformedCommandException {
        if (body.length == 0) {
            throw new MalformedCommandException("an empty frame");
        }
        JsonObject json;
        try {
            json = SharedJson.readObject(body);
        } catch (JsonException e) {
            throw new MalformedCommandException("not a JSON object (" + e.getMessage() + ")");
        }
        JsonValue name = field(json, "CmdName");
        if (!(name instanceof JsonString cmdName)) {
            throw new MalformedCommandException(name == null ? "no CmdName" : "a CmdName that is not a string");
        }
        JsonValue args = field(json, "Args");
        if (!(args instanceof JsonArray array)) {
            throw new MalformedCommandException(args == null || args == JsonValue.NULL ? "no Args"
                    : "Args that are not an array");
        }
        List<String> strings = new ArrayList<>(array.size());
        for (JsonValue arg : array) {
            if (!(arg instanceof JsonString s)) {
                throw new MalformedCommandException("an argument that is not a string");
            }
            strings.add(s.getString());
        }
        return new FishChatCommand(cmdName.getString(), strings);
    }

    /** The key {@code key} exactly, else in any case, as Go's decoder matched struct fields. */
    private static JsonValue field(JsonObject json, String key) {
        JsonValue exact = json.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonValue> entry : json.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** One frame's body as the Go server wrote it, newline included. */
    public static ByteBuffer encode(FishChatCommand command) {
        StringBuilder out = new StringBuilder(32 + command.name().length() + 16 * command.args().size());
        out.append("{\"CmdName\":");
        quote(out, command.name());
        out.append(",\"Args\":[");
        for (int i = 0; i < command.args().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(out, command.arg(i));
        }
        out.append("]}\n");
        return ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static ByteBuffer encode(String name, String... args) {
        return encode(FishChatCommand.of(name, args));
    }

    /** A JSON string as Go's encoding/json of 2015 wrote it (HTML-safe, \\u00XX for other controls). */
    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(out, c);
                default -> {
                    if (c < 0x20) {
                        unicode(out, c);
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            out.append("\\ufffd");   // Go replaces what is not UTF-8
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }

    /**
     * The uuid a client sees for a message: a server-made id (32 hex digits) with its dashes; any
     * other id (one a client of another protocol chose) as a name-based UUID of its bytes, the same
     * at every delivery.
     */
    public static String uuidOf(MessageId id) {
        String text = id.toText();
        if (text.length() == MessageId.LENGTH && text.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            String hex = text.toLowerCase(Locale.ROOT);
            return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                    + hex.substring(16, 20) + '-' + hex.substring(20);
        }
        return UUID.nameUUIDFromBytes(id.toBytes()).toString();
    }
}
