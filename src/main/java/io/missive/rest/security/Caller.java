package io.missive.rest.security;

import io.missive.core.GroupAccess;
import io.missive.core.model.MemberSet;
import io.missive.rest.errors.ApiError;
import io.missive.rest.errors.ApiException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/**
 * Who made a call behind a {@link CredentialFilter}: a back end (the API key), which may read
 * anything, an administrator (an admin's access token), who may do what a back end may, or an end
 * user (an access token), who may read only what they belong to.
 *
 * @param uid   the end user's uid; 0 for a back end
 * @param admin whether the user is an administrator ({@link io.missive.auth.AdminRole})
 */
public record Caller(long uid, boolean admin) implements Principal {

    static final Caller BACK_END = new Caller(0, false);

    /** The caller {@link CallerFilter} recorded for this request. */
    public static Caller of(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        // a method without @CallerRequired asked: a programming error, never a client's
        throw new IllegalStateException("no caller: the resource method lacks @CallerRequired");
    }

    boolean backEnd() {
        return uid == 0;
    }

    /** A back end or an administrator: reads and manages anything. */
    boolean privileged() {
        return backEnd() || admin;
    }

    /** Refuses (403) an end user other than {@code allowed}; a back end or an admin passes. */
    public void requireUserAmong(String what, long... allowed) {
        if (privileged()) {
            return;
        }
        for (long a : allowed) {
            if (a == uid) {
                return;
            }
        }
        throw forbidden(what);
    }

    /**
     * The group's members, if the caller may see the group by {@link GroupAccess}'s rule (a back end or
     * an admin, or a member); else 404 for no such group, 403 for an end user who is not a member.
     */
    public MemberSet requireAccessTo(long groupId, GroupAccess access) {
        GroupAccess.Decision decision = access.check(groupId, uid, privileged());
        return switch (decision.outcome()) {
            case ALLOWED -> decision.members();
            case NO_GROUP -> throw ApiException.notFound("no group " + groupId);
            case NOT_A_MEMBER -> throw forbidden("group " + groupId + ": not a member");
        };
    }

    ApiException forbidden(String what) {
        return new ApiException(Response.Status.FORBIDDEN, ApiError.FORBIDDEN,
                "user " + uid + " may not read " + what);
    }

    @Override
    public String getName() {
        return backEnd() ? "back-end" : Long.toString(uid);
    }

    /** The request's security context once the caller is known. */
    SecurityContext securityContext(SecurityContext original) {
        Caller caller = this;
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return caller.backEnd() ? "back-end".equals(role)
                        : "user".equals(role) || caller.admin() && "admin".equals(role);
            }

            @Override
            public boolean isSecure() {
                return original != null && original.isSecure();
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        };
    }
}
