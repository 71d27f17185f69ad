package io.missive.repository;

import java.time.Instant;

/** One member of a group and when they joined. */
public record GroupMember(long uid, Instant joinedAt) {
}
