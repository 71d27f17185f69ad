package io.missive.binary;

import java.util.Arrays;

/**
 * A frame's payload as a value: equal by content, described by its length and first bytes, and
 * checked to fit the 16-bit PayloadLen. The array is not copied (see {@link BinaryFrame}).
 */
public record Payload(byte[] bytes) {

    public Payload {
        Wire.requirePayload(bytes);
    }

    /** PayloadLen and the bytes: what it takes on the wire. */
    int wireLength() {
        return 2 + bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Wire.describe(bytes);
    }
}
