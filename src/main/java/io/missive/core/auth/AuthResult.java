package io.missive.core.auth;

/** The answer to a login attempt. */
public sealed interface AuthResult {

    /** The credentials are good: this is the user. */
    record Accepted(long uid, String username) implements AuthResult {
    }

    /** Wrong username or password. */
    record Denied() implements AuthResult {
    }

    /** The account exists but is disabled. */
    record Disabled() implements AuthResult {
    }

    /** The check could not be made (user centre unreachable, database down); never an accept. */
    record Unavailable(String reason) implements AuthResult {
    }
}
