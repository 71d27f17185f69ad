package io.missive.text;

import io.missive.text.TextCommand.Close;
import io.missive.text.TextCommand.Fin;
import io.missive.text.TextCommand.Heartbeat;
import io.missive.text.TextCommand.Identify;
import io.missive.text.TextCommand.Malformed;
import io.missive.text.TextCommand.Pub;
import io.missive.text.TextCommand.Sub;
import io.missive.text.TextCommand.Unsub;
import io.missive.text.TextFrame.Ack;
import io.missive.text.TextFrame.Error;
import io.missive.text.TextFrame.Message;
import io.missive.text.TextFrame.Response;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The byte layouts of the text push protocol that need no stream state: server frames both ways,
 * and client commands one way (for clients and tests; the server reads commands with
 * {@link TextCommandDecoder}). Stateless and thread-safe; all methods are static.
 *
 * <p>Encoding returns a plain heap {@link ByteBuffer}, so a session hands it to
 * {@code io.missive.transport.Sink#send} without knowing Netty.
 */
public final class TextCodec {

    /** The four bytes a client sends first: two spaces, 'V', '1'. */
    private static final byte[] MAGIC = {' ', ' ', 'V', '1'};

    /** Size and type: the bytes before a frame's data. */
    static final int FRAME_HEADER_BYTES = 8;

    /** Timestamp, attempts, message id, channel id and sender id: the bytes before a message's body. */
    static final int MESSAGE_HEADER_BYTES = 8 + 2 + TextWire.MESSAGE_ID_LENGTH + 8 + 8;

    private TextCodec() {
    }

    /** A fresh copy of the magic {@code "  V1"}. */
    public static byte[] magic() {
        return MAGIC.clone();
    }

    static byte magicByte(int index) {
        return MAGIC[index];
    }

    static int magicLength() {
        return MAGIC.length;
    }

    // ------------------------------------------------------------------ server frames

    /**
     * The whole frame on the wire, {@code [size][type][data]}, in a new heap buffer whose position is
     * 0 and whose limit is the frame's end.
     */
    public static ByteBuffer encode(TextFrame frame) {
        return ByteBuffer.wrap(encodeToArray(frame));
    }

    /** Like {@link #encode(TextFrame)}, as an array. */
    public static byte[] encodeToArray(TextFrame frame) {
        Objects.requireNonNull(frame, "frame");
        byte[] data;
        if (frame instanceof Response r) {
            data = r.text().getBytes(StandardCharsets.UTF_8);
        } else if (frame instanceof Error e) {
            data = (e.text().isEmpty() ? e.code() : e.code() + " " + e.text()).getBytes(StandardCharsets.UTF_8);
        } else if (frame instanceof Ack a) {
            data = ("ACK " + (a.accepted() ? 1 : 0) + " " + a.messageId() + " " + a.clientId())
                    .getBytes(StandardCharsets.US_ASCII);
        } else {
            data = messageData((Message) frame);
        }
        ByteBuffer out = ByteBuffer.allocate(FRAME_HEADER_BYTES + data.length);
        out.putInt(4 + data.length).putInt(frame.type().code()).put(data);
        return out.array();
    }

    private static byte[] messageData(Message m) {
        ByteBuffer out = ByteBuffer.allocate(MESSAGE_HEADER_BYTES + m.body().length);
        out.putLong(m.timestampMillis())
                .putShort((short) m.attempts())
                .put(m.messageId().getBytes(StandardCharsets.US_ASCII))
                .putLong(m.channelId())
                .putLong(m.senderId())
                .put(m.body());
        return out.array();
    }

    /**
     * Decodes one whole server frame, {@code [size][type][data]} with nothing after it, from the
     * buffer's position to its limit; leaves the position where it is. A client reading a stream reads
     * the 4-byte size first, then that many bytes, and hands all of them here.
     */
    public static TextFrame decodeServerFrame(ByteBuffer frame) throws MalformedTextFrameException {
        ByteBuffer in = frame.slice(); // big-endian, own position
        if (in.remaining() < FRAME_HEADER_BYTES) {
            throw new MalformedTextFrameException("a frame has at least " + FRAME_HEADER_BYTES + " bytes, not "
                    + in.remaining());
        }
        long size = Integer.toUnsignedLong(in.getInt());
        if (size != in.remaining()) {
            throw new MalformedTextFrameException("frame size " + size + " but " + in.remaining() + " bytes follow");
        }
        long typeCode = Integer.toUnsignedLong(in.getInt());
        TextFrameType type = TextFrameType.ofCode(typeCode);
        if (type == null) {
            throw new MalformedTextFrameException("unknown frame type " + typeCode);
        }
        return switch (type) {
            case RESPONSE -> new Response(utf8(in, "response"));
            case ERROR -> error(utf8(in, "error"));
            case ACK -> ack(ascii(in));
            case MESSAGE -> message(in);
        };
    }

    private static Error error(String data) throws MalformedTextFrameException {
        int space = data.indexOf(' ');
        String code = space < 0 ? data : data.substring(0, space);
        if (code.isEmpty()) {
            throw new MalformedTextFrameException("error frame without a code: " + TextWire.quote(data));
        }
        return new Error(code, space < 0 ? "" : data.substring(space + 1));
    }

    private static Ack ack(String data) throws MalformedTextFrameException {
        String[] parts = data.split(" ", -1);
        Long messageId = parts.length == 4 ? TextWire.parseDecimal(parts[2], true) : null;
        Long clientId = parts.length == 4 ? TextWire.parseDecimal(parts[3], false) : null;
        if (messageId == null || clientId == null || !parts[0].equals("ACK")
                || !(parts[1].equals("0") || parts[1].equals("1"))) {
            throw new MalformedTextFrameException("ack frame is not \"ACK 1|0 <message_id> <client_id>\": "
                    + TextWire.quote(data));
        }
        return new Ack(parts[1].equals("1"), messageId, clientId);
    }

    private static Message message(ByteBuffer in) throws MalformedTextFrameException {
        if (in.remaining() < MESSAGE_HEADER_BYTES) {
            throw new MalformedTextFrameException("message frame data has at least " + MESSAGE_HEADER_BYTES
                    + " bytes, not " + in.remaining());
        }
        long timestamp = in.getLong();
        int attempts = Short.toUnsignedInt(in.getShort());
        byte[] id = new byte[TextWire.MESSAGE_ID_LENGTH];
        in.get(id);
        String messageId = new String(id, StandardCharsets.ISO_8859_1);
        if (!TextWire.isMessageId(messageId)) {
            throw new MalformedTextFrameException("message id is not 32 lower-case hex digits: "
                    + TextWire.quote(messageId));
        }
        long channelId = in.getLong();
        long senderId = in.getLong();
        if (channelId < 0 || senderId < 0) {
            throw new MalformedTextFrameException("negative channel id " + channelId + " or sender id " + senderId);
        }
        byte[] body = new byte[in.remaining()];
        in.get(body);
        return new Message(timestamp, attempts, messageId, channelId, senderId, body);
    }

    private static String utf8(ByteBuffer in, String what) throws MalformedTextFrameException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedTextFrameException(what + " frame data is not UTF-8");
        }
    }

    private static String ascii(ByteBuffer in) {
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ client commands

    /**
     * The bytes a client sends for a command: its line, and for IDENTIFY and PUB the 4-byte size and
     * the body. {@link Malformed} is no command and cannot be encoded.
     */
    public static byte[] encodeCommand(TextCommand command) {
        Objects.requireNonNull(command, "command");
        if (command instanceof Identify i) {
            return withBody("IDENTIFY", i.json());
        } else if (command instanceof Sub s) {
            return line("SUB " + s.channelId());
        } else if (command instanceof Unsub u) {
            return line("UNSUB " + u.channelId());
        } else if (command instanceof Pub p) {
            return withBody("PUB " + p.clientId() + " " + p.channelId() + " " + p.messageId(), p.body());
        } else if (command instanceof Fin f) {
            return line("FIN " + f.messageId());
        } else if (command instanceof Close) {
            return line("CLS");
        } else if (command instanceof Heartbeat) {
            return line("H");
        }
        throw new IllegalArgumentException("a malformed command has no bytes: " + command);
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] withBody(String text, byte[] body) {
        byte[] line = line(text);
        return ByteBuffer.allocate(line.length + 4 + body.length).put(line).putInt(body.length).put(body).array();
    }
}
