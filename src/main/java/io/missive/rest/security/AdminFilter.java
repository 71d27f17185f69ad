package io.missive.rest.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets an {@link AdminRequired} call through only with an administrator's access token
 * ({@link io.missive.auth.AdminRole}): the API key and other users' tokens are 403, so that every
 * admin action is made by a person who logged in.
 */
@Provider
@AdminRequired
@Priority(Priorities.AUTHENTICATION)
public class AdminFilter extends CredentialFilter {

    @Override
    String refusal(Caller caller) {
        if (caller.admin()) {
            return null;
        }
        return caller.backEnd() ? "the API key does not open the admin API: log in as an administrator"
                : "user " + caller.uid() + " is not an administrator (or the account is disabled)";
    }
}
