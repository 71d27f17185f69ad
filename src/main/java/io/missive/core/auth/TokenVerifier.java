package io.missive.core.auth;

import java.util.Optional;

/** Access tokens as {@code POST /api/auth/login} issues them, for a protocol that takes one instead of a password. */
public interface TokenVerifier {

    /** The uid a valid, unexpired token was issued to; empty for anything else. */
    Optional<Long> verify(String token);
}
