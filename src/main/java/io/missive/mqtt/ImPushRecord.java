package io.missive.mqtt;

import io.missive.config.SharedJson;
import io.missive.core.model.Message;
import io.missive.core.model.Target;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The push body of seed 003: {@code {"feeds", "last_seq_id", "message": {MsgId, Feeds, SeqId,
 * MsgType, From, Payload, TimeCreate}}}. Feeds is the group id for a group message and
 * {@code user:<uid>} for a private one, the uid of the other party as the reader sees it (the
 * sender of a message received, the recipient of one sent); MsgType is {@code text} when the payload is
 * UTF-8 (Payload is then that text) and {@code binary} otherwise (Payload in base64);
 * TimeCreate is in epoch seconds.
 */
final class ImPushRecord {

    /**
     * One provider for the class: {@code jakarta.json.Json}'s static methods look the provider up through a
     * ServiceLoader, a scan of the class path, on every call (in the benchmark's profile of {@code /put},
     * which built its answers the same way, a fifth of the request's CPU samples).
     */
    private static final JsonProvider JSON = SharedJson.PROVIDER;

    private ImPushRecord() {
    }

    static String feedsOf(Message m, long readerUid) {
        long group = m.groupId();
        if (group != 0) {
            return Long.toString(group);
        }
        long peer = m.senderUid() == readerUid && m.target() instanceof Target.User to ? to.uid() : m.senderUid();
        return "user:" + peer;
    }

    static byte[] json(Message m, long readerUid) {
        return body(m, readerUid).toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonObject body(Message m, long readerUid) {
        String feeds = feedsOf(m, readerUid);
        return JSON.createObjectBuilder()
                .add("feeds", feeds)
                .add("last_seq_id", m.seq())
                .add("message", message(m, feeds))
                .build();
    }

    static JsonObjectBuilder message(Message m, String feeds) {
        JsonObjectBuilder message = JSON.createObjectBuilder()
                .add("MsgId", m.id().toText())
                .add("Feeds", feeds)
                .add("SeqId", m.seq());
        String text = utf8(m.payload());
        if (text != null) {
            message.add("MsgType", "text").add("Payload", text);
        } else {
            message.add("MsgType", "binary").add("Payload", Base64.getEncoder().encodeToString(m.payload()));
        }
        return message.add("From", Long.toString(m.senderUid()))
                .add("TimeCreate", m.createdAtMillis() / 1000);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
