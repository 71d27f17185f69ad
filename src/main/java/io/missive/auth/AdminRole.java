package io.missive.auth;

import io.missive.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who is an administrator: a user whose access token was issued with the {@value #ADMIN} role and
 * whose account still has that role and is not disabled. The account is read on every check, so
 * that demoting or disabling an admin takes effect at once, not when the token expires.
 */
@ApplicationScoped
public class AdminRole {

    /** The role of administrators, in the users table and in tokens' {@code groups} claim. */
    public static final String ADMIN = "admin";
    /** The role of everyone else who logs in. */
    public static final String USER = "user";

    @Inject
    private UserRepository users;

    /** Whether the token's claims and the account both say admin, and the account is enabled. */
    public boolean holds(AccessTokens.Claims claims) {
        return claims.groups().contains(ADMIN) && users.find(claims.uid())
                .filter(u -> ADMIN.equals(u.role()) && !u.disabled())
                .isPresent();
    }
}
