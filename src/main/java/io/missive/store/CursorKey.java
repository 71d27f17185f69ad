package io.missive.store;

/**
 * A delivery cursor's key (a row of {@code cursors}), ordered as the writer locks those rows: by user,
 * then conversation.
 */
record CursorKey(long uid, long conversationId) implements Comparable<CursorKey> {

    @Override
    public int compareTo(CursorKey o) {
        int byUser = Long.compare(uid, o.uid);
        return byUser != 0 ? byUser : Long.compare(conversationId, o.conversationId);
    }
}
