package io.missive.core.auth;

/** The answer to a login attempt. */
public sealed interface AuthResult {

    /** Why the login is refused; null when it is {@link Accepted}. */
    LoginFailure failure();

    /** The credentials are good: this is the user. */
    record Accepted(long uid, String username) implements AuthResult {
        @Override
        public LoginFailure failure() {
            return null;
        }
    }

    /** Wrong username or password. */
    record Denied() implements AuthResult {
        @Override
        public LoginFailure failure() {
            return LoginFailure.BAD_CREDENTIALS;
        }
    }

    /** The account exists but is disabled. */
    record Disabled() implements AuthResult {
        @Override
        public LoginFailure failure() {
            return LoginFailure.DISABLED;
        }
    }

    /** The check could not be made (user centre unreachable, database down); never an accept. */
    record Unavailable(String reason) implements AuthResult {
        @Override
        public LoginFailure failure() {
            return LoginFailure.UNAVAILABLE;
        }
    }

    /**
     * Not checked: too many failed logins from this address or for this username lately. Refused as
     * unavailable (the protocols' "try again later"); over HTTP, 429 with {@code retryAfterSeconds}.
     */
    record Throttled(long retryAfterSeconds) implements AuthResult {
        @Override
        public LoginFailure failure() {
            return LoginFailure.UNAVAILABLE;
        }
    }
}
