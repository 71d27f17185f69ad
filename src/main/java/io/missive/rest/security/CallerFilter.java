package io.missive.rest.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets a {@link CallerRequired} call through with the API key (a back end) or a valid access
 * token (an end user), and records which as the request's {@link Caller}; each resource then
 * decides what that caller may read.
 */
@Provider
@CallerRequired
@Priority(Priorities.AUTHENTICATION)
public class CallerFilter extends CredentialFilter {

    @Override
    String refusal(Caller caller) {
        return null;
    }
}
