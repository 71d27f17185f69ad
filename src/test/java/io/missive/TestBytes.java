package io.missive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Builds byte arrays for the codec tests of every protocol: ints are single bytes, strings their
 * UTF-8 bytes, arrays as they are.
 */
public final class TestBytes {

    /** The message id of seed 002's examples, 32 lower-case hex digits as ASCII. */
    public static final String SEED_MSG_ID = "550e8400e29b41d4a716446655440000";

    private TestBytes() {
    }

    public static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer i) {
                if (i < 0 || i > 0xFF) {
                    throw new IllegalArgumentException("not a byte: " + i);
                }
                out.write(i);
            } else if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else if (part instanceof byte[] b) {
                out.writeBytes(b);
            } else {
                throw new IllegalArgumentException("cannot add " + part);
            }
        }
        return out.toByteArray();
    }

    /** A 4-byte big-endian unsigned size. */
    public static byte[] u32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
