package io.missive.store;

/**
 * A CDI event, fired inside the transaction that changed a group's membership or deleted it;
 * caches observe it after a successful commit.
 */
public record GroupChanged(long groupId, boolean deleted) {
}
