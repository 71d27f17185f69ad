package io.missive.msgd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The byte layouts msgd writes: trpc frames (sync {@code F7 F8}, type, two bytes of padding written as
 * 0, seq, length, all little-endian) around a msgd header ({@code TSRQ}, version, type, seq, length)
 * and its data. Stateless and thread-safe; all methods are static. The server reads frames with
 * {@link MsgdFrameDecoder}.
 *
 * <p>Encoding returns a plain heap {@link ByteBuffer} (position 0, limit the frame's end), so a
 * connection hands it to {@code io.missive.transport.Sink#send} without knowing Netty.
 */
public final class MsgdCodec {

    public static final byte SYNC_1 = (byte) 0xF7;
    public static final byte SYNC_2 = (byte) 0xF8;
    /** trpc type of a request or server push. */
    public static final int TRPC_REQUEST = 0;
    /** trpc type of a reply. */
    public static final int TRPC_REPLY = 1;
    /** sync, type, padding, seq, length. */
    public static final int TRPC_HEADER_BYTES = 13;
    /** The largest trpc length a sender accepts, 0x9FFF; the smallest is 1. */
    public static final int MAX_TRPC_LENGTH = 40959;
    /** magic, version, type, seq, length. */
    public static final int MSGD_HEADER_BYTES = 20;
    /** The most data one frame carries. */
    public static final int MAX_DATA_BYTES = MAX_TRPC_LENGTH - MSGD_HEADER_BYTES;
    /** {@code TSRQ}, 0x51525354 little-endian. */
    public static final int MAGIC = 0x51525354;

    private MsgdCodec() {
    }

    /**
     * A reply: trpc type 1 with the request's trpc seq; the request's msgd header repeated (its
     * version as it came, its seq) with type + 1 (for {@link MsgdCode#UNKNOWN_TYPE} the type is not
     * incremented), and the body {@code {errCode=N}} in ASCII, not enciphered.
     */
    public static ByteBuffer reply(int trpcSeq, MsgdHeader request, MsgdCode code) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(code, "code");
        int type = code == MsgdCode.UNKNOWN_TYPE ? request.type() : MsgdType.replyTo(request.type());
        return frame(TRPC_REPLY, trpcSeq, request.version(), type, request.seq(), code.body());
    }

    /** A server push: trpc type 0 with the given push seq, version {@code "V200"}, type, msgd seq, the data as given. */
    public static ByteBuffer push(int pushSeq, int msgdType, int msgdSeq, byte[] data) {
        return frame(TRPC_REQUEST, pushSeq, MsgdHeader.V200, msgdType, msgdSeq, data);
    }

    /** A client's request, for clients and tests: trpc type 0, the header's fields, its length replaced by the data's. */
    public static ByteBuffer request(int trpcSeq, MsgdHeader header, byte[] data) {
        Objects.requireNonNull(header, "header");
        return frame(TRPC_REQUEST, trpcSeq, header.version(), header.type(), header.seq(), data);
    }

    /**
     * Any frame: a trpc header of the given type and seq, the msgd header with the given version (4
     * ISO-8859-1 characters), type, seq and the data's length, then the data.
     *
     * @throws IllegalArgumentException if the data is over {@value #MAX_DATA_BYTES} bytes or the version is not 4 bytes
     */
    public static ByteBuffer frame(int trpcType, int trpcSeq, String version, int msgdType, int msgdSeq, byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("msgd data is " + data.length + " bytes, at most " + MAX_DATA_BYTES);
        }
        if (trpcType < 0 || trpcType > 0xFF) {
            throw new IllegalArgumentException("trpc type " + trpcType + " is not a byte");
        }
        byte[] ver = new MsgdHeader(version, msgdType, msgdSeq, data.length).versionBytes();
        ByteBuffer out = ByteBuffer.allocate(TRPC_HEADER_BYTES + MSGD_HEADER_BYTES + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(SYNC_1).put(SYNC_2).put((byte) trpcType).putShort((short) 0).putInt(trpcSeq)
                .putInt(MSGD_HEADER_BYTES + data.length);
        out.putInt(MAGIC).put(ver).putInt(msgdType).putInt(msgdSeq).putInt(data.length).put(data);
        return out.flip();
    }

    /** The completion body {@code {"errCode"=R,"msgId"=M}}: plain ASCII, {@code '='} not {@code ':'}. */
    public static byte[] completion(int result, int msgId) {
        return ("{\"errCode\"=" + result + ",\"msgId\"=" + msgId + "}").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The N of a reply body {@code {errCode=N}}, for clients and tests; null if the body is not exactly
     * that with a decimal N.
     */
    public static Integer errCode(byte[] body) {
        String s = new String(body, StandardCharsets.ISO_8859_1);
        if (!s.matches("\\{errCode=-?[0-9]{1,9}}")) {
            return null;
        }
        return Integer.valueOf(s.substring("{errCode=".length(), s.length() - 1));
    }
}
