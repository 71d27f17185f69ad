package io.missive.text;

import io.missive.core.model.Bytes;

import java.util.Objects;

/**
 * One frame the server sends over the text push protocol, before encoding or after decoding by
 * {@link TextCodec}. On the wire: {@code [4-byte size][4-byte type][data]}, the size counting the type
 * and the data. Every record checks its fields when made, so a frame that exists can be encoded; a
 * violation is an {@link IllegalArgumentException}.
 *
 * <p>Byte arrays are not copied, neither in nor out; whoever makes a frame must not change an array
 * afterwards. Records with arrays compare them by content.
 */
public sealed interface TextFrame {

    /** This frame's type. */
    TextFrameType type();

    /** A response (type 0): the data is {@code text} in UTF-8. */
    record Response(String text) implements TextFrame {
        /** The answer to IDENTIFY, SUB and UNSUB. */
        public static final Response OK = new Response("OK");
        /** The answer to the client's heartbeat {@code H}. */
        public static final Response HEARTBEAT = new Response("H");
        /** The answer to CLS: the client may close now. */
        public static final Response CLOSE_WAIT = new Response("CLOSE_WAIT");

        public Response {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public TextFrameType type() {
            return TextFrameType.RESPONSE;
        }
    }

    /**
     * An error (type 1): the data is {@code code}, or {@code code + " " + text} when the text is not
     * empty, in UTF-8. The code is not empty and holds no space; a null text is taken as empty.
     */
    record Error(String code, String text) implements TextFrame {
        public Error {
            Objects.requireNonNull(code, "code");
            if (code.isEmpty() || code.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("an error code is one word, not \"" + code + "\"");
            }
            text = text == null ? "" : text;
        }

        /** The error a malformed input gets: its code and its detail. */
        public Error(TextCommand.Malformed malformed) {
            this(malformed.code(), malformed.detail());
        }

        @Override
        public TextFrameType type() {
            return TextFrameType.ERROR;
        }
    }

    /**
     * The answer to PUB (type 3): the data is {@code ACK 1 <message_id> <client_id>} when the message is
     * stored, {@code ACK 0 ...} when it is refused, in ASCII decimal. {@code messageId} and
     * {@code clientId} are the PUB's.
     */
    record Ack(boolean accepted, long messageId, long clientId) implements TextFrame {
        public Ack {
            TextWire.requireClientId(clientId);
        }

        @Override
        public TextFrameType type() {
            return TextFrameType.ACK;
        }
    }

    /**
     * A message (type 2), Missive's layout: {@code [8-byte timestamp ms][2-byte attempts]
     * [32-byte message id, ASCII lower-case hex][8-byte channel id][8-byte sender id][body]}.
     * {@code channelId} is 0 for a message sent to this device directly, not on a channel;
     * {@code senderId} is the publishing device, 0 for a business back end. {@code attempts} counts
     * the deliveries of this message to this device, this one included (0 to 65535).
     */
    record Message(long timestampMillis, int attempts, String messageId, long channelId, long senderId, Bytes content)
            implements TextFrame {
        public Message {
            if (attempts < 0 || attempts > 0xFFFF) {
                throw new IllegalArgumentException("attempts is 0 to 65535, not " + attempts);
            }
            TextWire.requireMessageId(messageId);
            if (channelId < 0) {
                throw new IllegalArgumentException("a channel id is 0 or positive, not " + channelId);
            }
            if (senderId < 0) {
                throw new IllegalArgumentException("a sender id is 0 or positive, not " + senderId);
            }
            Objects.requireNonNull(content, "body");
        }

        public Message(long timestampMillis, int attempts, String messageId, long channelId, long senderId,
                       byte[] body) {
            this(timestampMillis, attempts, messageId, channelId, senderId, new Bytes(body));
        }

        public byte[] body() {
            return content.value();
        }

        @Override
        public TextFrameType type() {
            return TextFrameType.MESSAGE;
        }
    }
}
