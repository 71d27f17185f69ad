package io.missive.core.model;

import java.util.Arrays;

/**
 * A byte array as a value, for records that carry one (payloads, bodies): equal by content, and
 * shown by its length and first bytes, never whole. The array is not copied: whoever makes one
 * must not change the array afterwards.
 */
public record Bytes(byte[] value) {

    private static final int SHOWN = 16;

    public Bytes {
        if (value == null) {
            throw new NullPointerException("bytes");
        }
    }

    public int length() {
        return value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    /** "5 bytes 68656c6c6f": the length, then at most the first 16 bytes in hex. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(value.length).append(value.length == 1 ? " byte" : " bytes");
        if (value.length > 0) {
            sb.append(' ');
            int shown = Math.min(value.length, SHOWN);
            for (int i = 0; i < shown; i++) {
                sb.append(Character.forDigit((value[i] >> 4) & 0xF, 16)).append(Character.forDigit(value[i] & 0xF, 16));
            }
            if (shown < value.length) {
                sb.append("...");
            }
        }
        return sb.toString();
    }
}
