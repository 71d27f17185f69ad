package io.missive.binary;

import io.missive.binary.BinaryFrame.Connect;
import io.missive.binary.BinaryFrame.ConnectAck;
import io.missive.binary.BinaryFrame.Disconnect;
import io.missive.binary.BinaryFrame.GroupPartPubAck;
import io.missive.binary.BinaryFrame.GroupPartPublish;
import io.missive.binary.BinaryFrame.GroupPubAck;
import io.missive.binary.BinaryFrame.GroupPublish;
import io.missive.binary.BinaryFrame.Ping;
import io.missive.binary.BinaryFrame.PingResp;
import io.missive.binary.BinaryFrame.PubAck;
import io.missive.binary.BinaryFrame.PubRefused;
import io.missive.binary.BinaryFrame.Publish;
import io.missive.binary.BinaryFrame.Push;
import io.missive.binary.BinaryFrame.RichPush;
import io.missive.core.model.MessageId;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns one whole frame's bytes into a {@link BinaryFrame} and back. Knows nothing of the transport:
 * the caller hands it exactly one frame (one WebSocket binary message, or the bytes after one TCP
 * length prefix). Stateless and thread-safe; all methods are static.
 *
 * <p>Decoding depends on the direction, because type 3 has two layouts and each side accepts only
 * the types the other side may send. Anything that is not a complete, valid frame for that
 * direction raises {@link MalformedFrameException} with a precise reason; the decoders raise nothing
 * else, whatever the bytes, and never allocate more than the frame's own size.
 *
 * <p>Integers are big-endian. Encoding computes the exact size and fills one array.
 */
public final class BinaryCodec {

    private BinaryCodec() {
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes a frame a client sent to the server: CONNECT, PUBLISH (with ToUid), PUB_ACK,
     * GROUP_PUBLISH, GROUP_PART_PUBLISH, PING, PING_RESP or DISCONNECT. Reads from the buffer's
     * position to its limit, whatever its byte order, and leaves the position where it is.
     */
    public static BinaryFrame decodeClientFrame(ByteBuffer frame) throws MalformedFrameException {
        return decode(frame, true);
    }

    /** Like {@link #decodeClientFrame(ByteBuffer)}, over a whole array. */
    public static BinaryFrame decodeClientFrame(byte[] frame) throws MalformedFrameException {
        return decode(frame, 0, frame.length, true);
    }

    /**
     * Decodes a frame the server sent to a client: CONNECT_ACK, PUBLISH (the push layout, as
     * {@link Push}), PUB_ACK, GROUP_PUB_ACK, GROUP_PART_PUB_ACK, PING, PING_RESP, DISCONNECT,
     * PUB_REFUSED or RICH_PUSH. Reads from the buffer's position to its limit and leaves the position
     * where it is.
     */
    public static BinaryFrame decodeServerFrame(ByteBuffer frame) throws MalformedFrameException {
        return decode(frame, false);
    }

    /** Like {@link #decodeServerFrame(ByteBuffer)}, over a whole array. */
    public static BinaryFrame decodeServerFrame(byte[] frame) throws MalformedFrameException {
        return decode(frame, 0, frame.length, false);
    }

    private static BinaryFrame decode(ByteBuffer frame, boolean fromClient) throws MalformedFrameException {
        Objects.requireNonNull(frame, "frame");
        int length = frame.remaining();
        if (frame.hasArray()) {
            return decode(frame.array(), frame.arrayOffset() + frame.position(), length, fromClient);
        }
        byte[] copy = new byte[length];
        frame.get(frame.position(), copy, 0, length);
        return decode(copy, 0, length, fromClient);
    }

    private static BinaryFrame decode(byte[] bytes, int offset, int length, boolean fromClient)
            throws MalformedFrameException {
        if (length == 0) {
            throw new MalformedFrameException("empty frame");
        }
        int code = bytes[offset] & 0xFF;
        FrameType type = FrameType.ofCode(code);
        if (type == null) {
            throw new MalformedFrameException("unknown frame type " + hex(code));
        }
        if (fromClient ? !type.sentByClients() : !type.sentByServers()) {
            throw new MalformedFrameException("frame type " + hex(code) + " (" + type + ") is not sent by "
                    + (fromClient ? "clients" : "servers"));
        }
        Reader in = new Reader(bytes, offset + 1, offset + length,
                type == FrameType.PUBLISH && !fromClient ? "PUBLISH (push)" : type.name());
        switch (type) {
            case CONNECT:
                return readConnect(in);
            case CONNECT_ACK: {
                int ackCode = in.u8("Code");
                in.end("the Code");
                return new ConnectAck(ackCode);
            }
            case PUBLISH: {
                if (fromClient) {
                    long toUid = in.id("ToUid", "user");
                    MessageId msgId = in.msgId();
                    return new Publish(toUid, msgId, in.payload());
                }
                MessageId msgId = in.msgId();
                return new Push(msgId, in.payload());
            }
            case PUB_ACK:
                return new PubAck(in.msgIdOnly());
            case GROUP_PUBLISH: {
                long groupId = in.id("GroupId", "group");
                MessageId msgId = in.msgId();
                return new GroupPublish(groupId, msgId, in.payload());
            }
            case GROUP_PUB_ACK:
                return new GroupPubAck(in.msgIdOnly());
            case PING:
                in.end("the type");
                return Ping.INSTANCE;
            case PING_RESP:
                in.end("the type");
                return PingResp.INSTANCE;
            case DISCONNECT:
                in.end("the type");
                return Disconnect.INSTANCE;
            case PUB_REFUSED: {
                MessageId msgId = in.msgId();
                int refusal = in.u8("Code");
                String reason = in.string16("ReasonLen", "Reason");
                in.end("the Reason");
                return new PubRefused(msgId, refusal, reason);
            }
            case GROUP_PART_PUBLISH:
                return readGroupPartPublish(in);
            case GROUP_PART_PUB_ACK:
                return new GroupPartPubAck(in.msgIdOnly());
            case RICH_PUSH: {
                MessageId msgId = in.msgId();
                long from = in.u32("From");
                long groupId = in.u32("GroupId");
                long seq = in.i64("Seq");
                long time = in.i64("Time");
                return new RichPush(msgId, from, groupId, seq, time, in.payload());
            }
            default:
                throw new MalformedFrameException("unknown frame type " + hex(code));
        }
    }

    private static Connect readConnect(Reader in) throws MalformedFrameException {
        String username = in.string16("UsernameLen", "Username");
        String password = in.string16("PasswordLen", "Password");
        int rest = in.remaining();
        if (rest > 2) {
            throw new MalformedFrameException("CONNECT: " + Wire.bytes(rest)
                    + " after the password (only Role and Flags, one byte each, may follow)");
        }
        int role = rest >= 1 ? in.u8("Role") : 0;
        int flags = rest == 2 ? in.u8("Flags") : 0;
        return new Connect(username, password, role, flags);
    }

    private static GroupPartPublish readGroupPartPublish(Reader in) throws MalformedFrameException {
        long groupId = in.id("GroupId", "group");
        MessageId msgId = in.msgId();
        int count = in.u16("ToUserNum");
        if (count == 0) {
            throw new MalformedFrameException("GROUP_PART_PUBLISH: ToUserNum is 0");
        }
        int needed = 4 * count + 2;
        if (in.remaining() < needed) {
            throw new MalformedFrameException("GROUP_PART_PUBLISH: ToUserNum " + count + " needs " + (4 * count)
                    + " bytes of uids and 2 of PayloadLen but " + Wire.follow(in.remaining()));
        }
        long[] toUids = new long[count];
        for (int i = 0; i < count; i++) {
            long uid = in.u32("ToUid");
            if (uid == 0) {
                throw new MalformedFrameException("GROUP_PART_PUBLISH: ToUid #" + (i + 1) + " is 0, not a valid user");
            }
            toUids[i] = uid;
        }
        return new GroupPartPublish(groupId, msgId, toUids, in.payload());
    }

    private static String hex(int code) {
        return String.format("0x%02x", code);
    }

    /** Reads one frame's fields, bounds-checked, with the frame's name in every complaint. */
    private static final class Reader {
        private final byte[] a;
        private final int end;
        private final String frame;
        private int pos;

        Reader(byte[] a, int pos, int end, String frame) {
            this.a = a;
            this.pos = pos;
            this.end = end;
            this.frame = frame;
        }

        int remaining() {
            return end - pos;
        }

        private void need(int n, String field) throws MalformedFrameException {
            if (end - pos < n) {
                throw new MalformedFrameException(frame + ": truncated in " + field + ": needs " + Wire.bytes(n)
                        + " but " + Wire.follow(end - pos));
            }
        }

        int u8(String field) throws MalformedFrameException {
            need(1, field);
            return a[pos++] & 0xFF;
        }

        int u16(String field) throws MalformedFrameException {
            need(2, field);
            int v = ((a[pos] & 0xFF) << 8) | (a[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        long u32(String field) throws MalformedFrameException {
            need(4, field);
            long v = ((long) (a[pos] & 0xFF) << 24) | ((a[pos + 1] & 0xFF) << 16) | ((a[pos + 2] & 0xFF) << 8)
                    | (a[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        long i64(String field) throws MalformedFrameException {
            need(8, field);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (a[pos + i] & 0xFF);
            }
            pos += 8;
            return v;
        }

        /** A uid or group id: 32 bits, not 0. */
        long id(String field, String what) throws MalformedFrameException {
            long v = u32(field);
            if (v == 0) {
                throw new MalformedFrameException(frame + ": " + field + " 0 is not a valid " + what);
            }
            return v;
        }

        MessageId msgId() throws MalformedFrameException {
            need(MessageId.LENGTH, "MsgId");
            MessageId id = MessageId.of(a, pos);
            pos += MessageId.LENGTH;
            return id;
        }

        /** A MsgId that must be the whole rest of the frame. */
        MessageId msgIdOnly() throws MalformedFrameException {
            MessageId id = msgId();
            end("the MsgId");
            return id;
        }

        /** PayloadLen:16 and exactly that many bytes, which must end the frame. */
        byte[] payload() throws MalformedFrameException {
            int length = u16("PayloadLen");
            if (remaining() != length) {
                throw new MalformedFrameException(frame + ": PayloadLen " + length + " but " + Wire.follow(remaining()));
            }
            byte[] payload = Arrays.copyOfRange(a, pos, end);
            pos = end;
            return payload;
        }

        /** A 16-bit length and that many bytes of strict UTF-8. */
        String string16(String lengthField, String field) throws MalformedFrameException {
            int length = u16(lengthField);
            if (remaining() < length) {
                throw new MalformedFrameException(frame + ": " + lengthField + " " + length + " but "
                        + Wire.follow(remaining()));
            }
            String s;
            try {
                s = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(a, pos, length))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new MalformedFrameException(frame + ": " + field + " is not valid UTF-8");
            }
            pos += length;
            return s;
        }

        /** No byte may follow. */
        void end(String after) throws MalformedFrameException {
            if (pos != end) {
                throw new MalformedFrameException(frame + ": " + Wire.bytes(end - pos) + " after " + after
                        + ", none expected");
            }
        }
    }

    // ------------------------------------------------------------------ encoding

    /** The frame's bytes in a fresh buffer (position 0, limit the frame's length, big-endian). */
    public static ByteBuffer encode(BinaryFrame frame) {
        return ByteBuffer.wrap(encodeToArray(frame));
    }

    /** The frame's bytes in a fresh array of exactly the frame's length. */
    public static byte[] encodeToArray(BinaryFrame frame) {
        byte[] out = new byte[encodedLength(frame)];
        write(frame, out, 0);
        return out;
    }

    /**
     * Writes the frame into {@code target} from {@code offset} (for a transport that puts a header,
     * such as TCP's length prefix, before it) and returns the number of bytes written, which is
     * {@link #encodedLength(BinaryFrame)}.
     *
     * @throws IndexOutOfBoundsException when the frame does not fit
     */
    public static int encodeInto(BinaryFrame frame, byte[] target, int offset) {
        int length = encodedLength(frame);
        Objects.checkFromIndexSize(offset, length, target.length);
        write(frame, target, offset);
        return length;
    }

    /**
     * The number of bytes the frame takes on the wire.
     *
     * @throws IllegalArgumentException when it cannot be encoded (a payload over 65535 bytes, more
     *         than 65535 uids), which the records' own checks normally prevent already
     */
    public static int encodedLength(BinaryFrame frame) {
        Objects.requireNonNull(frame, "frame");
        return 1 + frame.bodyLength();
    }

    private static void write(BinaryFrame frame, byte[] out, int p) {
        frame.writeBody(new FrameWriter(out, p).u8(frame.type().code()));
    }
}
