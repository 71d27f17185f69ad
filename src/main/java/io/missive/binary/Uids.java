package io.missive.binary;

import java.util.Arrays;

/**
 * GROUP_PART_PUBLISH's recipients as a value: 1 to 65535 uids, none of them 0, equal by content.
 * The array is not copied (see {@link BinaryFrame}).
 */
public record Uids(long[] values) {

    public Uids {
        if (values == null) {
            throw new NullPointerException("toUids");
        }
        if (values.length == 0 || values.length > Wire.MAX_U16) {
            throw new IllegalArgumentException("toUids must hold 1 to " + Wire.MAX_U16 + " uids, not " + values.length);
        }
        for (long uid : values) {
            Wire.requireId("every uid of toUids", uid);
        }
    }

    /** ToUserNum and the uids: what they take on the wire. */
    int wireLength() {
        return 2 + 4 * values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Uids u && Arrays.equals(values, u.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return values.length <= 16 ? Arrays.toString(values) : "(" + values.length + " uids)";
    }
}
