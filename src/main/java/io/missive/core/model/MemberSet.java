package io.missive.core.model;

import java.util.Arrays;
import java.util.Collection;

/** The members of a group at one moment: sorted distinct uids, cheap to test and to walk. */
public final class MemberSet {

    private final long[] uids;

    private MemberSet(long[] sortedDistinct) {
        this.uids = sortedDistinct;
    }

    public static MemberSet of(long... uids) {
        return new MemberSet(Arrays.stream(uids).sorted().distinct().toArray());
    }

    public static MemberSet of(Collection<Long> uids) {
        return new MemberSet(uids.stream().mapToLong(Long::longValue).sorted().distinct().toArray());
    }

    public boolean contains(long uid) {
        return Arrays.binarySearch(uids, uid) >= 0;
    }

    public int size() {
        return uids.length;
    }

    /** The uids, sorted; a copy. */
    public long[] toArray() {
        return uids.clone();
    }

    public MemberSet with(long uid) {
        if (contains(uid)) {
            return this;
        }
        long[] more = Arrays.copyOf(uids, uids.length + 1);
        more[uids.length] = uid;
        Arrays.sort(more);
        return new MemberSet(more);
    }

    public MemberSet without(long uid) {
        return contains(uid) ? new MemberSet(Arrays.stream(uids).filter(u -> u != uid).toArray()) : this;
    }

    /** Calls the action with every uid, in order, without copying. */
    public void forEach(java.util.function.LongConsumer action) {
        for (long uid : uids) {
            action.accept(uid);
        }
    }
}
