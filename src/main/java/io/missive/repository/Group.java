package io.missive.repository;

import java.time.Instant;

/** A group as stored, without its members. */
public record Group(long id, String name, Instant createdAt) {
}
