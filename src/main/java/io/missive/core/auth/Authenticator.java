package io.missive.core.auth;

/**
 * Checks a username and password. Implementations may block (a database, an HTTP user
 * centre); callers run them off the I/O threads.
 */
public interface Authenticator {

    AuthResult authenticate(String username, String password);
}
