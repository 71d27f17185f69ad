package io.missive.text;

import io.missive.core.model.Bytes;

import java.util.Objects;

/**
 * One command a client sent over the text push protocol, decoded by {@link TextCommandDecoder}.
 * Every record checks its fields when made, so a command that exists is one the protocol can
 * carry and {@link TextCodec#encodeCommand(TextCommand)} can write (except {@link Malformed}, which
 * stands for bytes that are no command). A violation is an {@link IllegalArgumentException}.
 *
 * <p>Byte arrays are not copied, neither in nor out: the decoder gives each command arrays of its
 * own; whoever makes a command must not change an array afterwards. Records with arrays compare
 * them by content.
 */
public sealed interface TextCommand {

    /**
     * {@code IDENTIFY\n[size][json]}: the raw JSON bytes, never empty. The session parses them
     * (client_id, heartbeat_interval, token, confirm); the codec does not look inside.
     */
    record Identify(Bytes body) implements TextCommand {
        public Identify {
            Objects.requireNonNull(body, "json");
            if (body.length() == 0) {
                throw new IllegalArgumentException("IDENTIFY's JSON is empty");
            }
        }

        public Identify(byte[] json) {
            this(new Bytes(json));
        }

        public byte[] json() {
            return body.value();
        }

        /** Leaves the JSON out: it carries the device's token. */
        @Override
        public String toString() {
            return "Identify[json=(" + body.length() + " bytes)]";
        }
    }

    /** {@code SUB <channel_id>\n}: subscribe to a channel; the id is positive. */
    record Sub(long channelId) implements TextCommand {
        public Sub {
            TextWire.requireChannelId(channelId);
        }
    }

    /** {@code UNSUB <channel_id>\n} (Missive addition): end a subscription; the id is positive. */
    record Unsub(long channelId) implements TextCommand {
        public Unsub {
            TextWire.requireChannelId(channelId);
        }
    }

    /**
     * {@code PUB <client_id> <channel_id> <message_id>\n[size][body]}: publish on a channel, to one
     * device ({@code clientId} not 0) or to every subscriber ({@code clientId} 0). {@code messageId}
     * is the sender's own, any 64-bit value, echoed in the ACK. The body may be empty.
     */
    record Pub(long clientId, long channelId, long messageId, Bytes content) implements TextCommand {
        public Pub {
            TextWire.requireClientId(clientId);
            TextWire.requireChannelId(channelId);
            Objects.requireNonNull(content, "body");
        }

        public Pub(long clientId, long channelId, long messageId, byte[] body) {
            this(clientId, channelId, messageId, new Bytes(body));
        }

        public byte[] body() {
            return content.value();
        }

        /** Whether this goes to every subscriber of the channel (client_id 0). */
        public boolean toWholeChannel() {
            return clientId == 0;
        }
    }

    /**
     * {@code FIN <message_id>\n} (Missive addition, NSQ's name): the device confirms the message
     * frame with this id, 32 lower-case hex digits.
     */
    record Fin(String messageId) implements TextCommand {
        public Fin {
            TextWire.requireMessageId(messageId);
        }
    }

    /** {@code CLS\n}: the client is about to close. All instances are equal; use {@link #INSTANCE}. */
    record Close() implements TextCommand {
        public static final Close INSTANCE = new Close();
    }

    /** {@code H\n}: the client's heartbeat. All instances are equal; use {@link #INSTANCE}. */
    record Heartbeat() implements TextCommand {
        public static final Heartbeat INSTANCE = new Heartbeat();
    }

    /**
     * Bytes that are no command: {@code code} is one of {@link TextErrorCode}'s, {@code detail} a
     * short printable-ASCII reason fit for the error frame and the log. Always the decoder's last
     * output on a connection: it discards everything after, and the session answers the error and
     * closes.
     */
    record Malformed(String code, String detail) implements TextCommand {
        public Malformed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
