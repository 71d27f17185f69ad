package io.missive.repository;

import java.time.Instant;

/** A row of the users table: a person's account, the system user or a push device's identity. */
public record UserAccount(long uid, String username, String passwordHash, String role, boolean disabled,
                          Instant createdAt) {
}
