package io.missive.core.model;

import java.util.Arrays;

/**
 * A list of uids as a value, for records that carry one (a message's listed recipients, a frame's
 * ToUid list): equal by content. The array is not copied: whoever makes one must not change the
 * array afterwards.
 */
public record Uids(long[] values) {

    private static final int SHOWN = 16;

    public Uids {
        if (values == null) {
            throw new NullPointerException("uids");
        }
    }

    /** The uids sorted, without repeats. */
    public static Uids sortedSet(long[] uids) {
        return new Uids(Arrays.stream(uids).sorted().distinct().toArray());
    }

    public int size() {
        return values.length;
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
        return values.length <= SHOWN ? Arrays.toString(values) : "(" + values.length + " uids)";
    }
}
