package io.missive.rest.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets a {@link ManagementRequired} call through with the API key or an administrator's access
 * token; another user's token is 403.
 */
@Provider
@ManagementRequired
@Priority(Priorities.AUTHENTICATION)
public class ManagementFilter extends CredentialFilter {

    @Override
    String refusal(Caller caller) {
        return caller.privileged() ? null
                : "user " + caller.uid() + " is not an administrator: management needs the API key or an admin's token";
    }
}
