package io.missive.repository;

/**
 * What is stored and not yet delivered, counted for operators: per user, the messages after the
 * user's cursor in each of their conversations that are addressed to them, not sent by them and
 * not expired.
 */
public interface PendingCounts {

    /** One user's backlog. */
    record UserPending(long uid, String username, long pending) {
    }

    /** Users with pending messages, the most first (then by uid). */
    Page<UserPending> byUser(int offset, int limit);

    /** The user's pending messages. */
    long of(long uid);

    /** Every user's pending messages together: the node's delivery backlog. */
    long total();
}
