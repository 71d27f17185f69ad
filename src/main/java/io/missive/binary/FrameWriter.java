package io.missive.binary;

import io.missive.core.model.Bytes;
import io.missive.core.model.MessageId;
import io.missive.core.model.Uids;

/**
 * Writes a frame's fields into an array sized beforehand by {@link BinaryFrame#bodyLength()}:
 * big-endian integers, message ids, 16-bit-length payloads and strings.
 */
public final class FrameWriter {

    private final byte[] out;
    private int p;

    FrameWriter(byte[] out, int offset) {
        this.out = out;
        this.p = offset;
    }

    FrameWriter u8(int v) {
        out[p++] = (byte) v;
        return this;
    }

    FrameWriter u16(int v) {
        out[p++] = (byte) (v >>> 8);
        out[p++] = (byte) v;
        return this;
    }

    FrameWriter u32(long v) {
        out[p++] = (byte) (v >>> 24);
        out[p++] = (byte) (v >>> 16);
        out[p++] = (byte) (v >>> 8);
        out[p++] = (byte) v;
        return this;
    }

    /** A uid or group id; the arrays of a record may have been changed after it was made, so checked again. */
    FrameWriter id(long id) {
        return u32(Wire.requireId("a uid or group id", id));
    }

    FrameWriter i64(long v) {
        for (int i = 7; i >= 0; i--) {
            out[p + i] = (byte) v;
            v >>>= 8;
        }
        p += 8;
        return this;
    }

    FrameWriter msgId(MessageId id) {
        id.copyTo(out, p);
        p += MessageId.LENGTH;
        return this;
    }

    FrameWriter payload(Bytes payload) {
        byte[] bytes = Wire.requirePayload(payload.value());
        u16(bytes.length);
        System.arraycopy(bytes, 0, out, p, bytes.length);
        p += bytes.length;
        return this;
    }

    FrameWriter uids(Uids uids) {
        long[] values = uids.values();
        u16(values.length);
        for (long uid : values) {
            id(uid);
        }
        return this;
    }

    FrameWriter string16(String s) {
        int start = p + 2;
        int next = Wire.writeUtf8(s, out, start);
        u16(next - start);
        p = next;
        return this;
    }

    /** PayloadLen and the payload: what it takes on the wire. */
    static int payloadLength(Bytes payload) {
        return 2 + payload.length();
    }

    /** ToUserNum and the uids: what they take on the wire. */
    static int uidsLength(Uids uids) {
        return 2 + 4 * uids.size();
    }

    /** A string's UTF-8 length with its 16-bit length field. */
    static int string16Length(String s) {
        int length = Wire.utf8Length(s);
        if (length < 0 || length > Wire.MAX_U16) {
            throw new IllegalArgumentException("a string needs a UTF-8 form of at most 65535 bytes");
        }
        return 2 + length;
    }
}
