package io.missive.auth;

import io.missive.core.MessagingCore;
import io.missive.core.session.ClientSession;
import io.missive.core.session.CloseReason;
import io.missive.repository.UserAccount;
import io.missive.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Disables and enables accounts, people's and push devices' alike (a device is a users row). A
 * disabled account's logins are refused, and its live connections of every protocol are closed at
 * once: otherwise a client already connected would go on sending until it reconnects. Its stored
 * messages stay pending.
 */
@ApplicationScoped
public class AccountStatus {

    @Inject
    private UserRepository users;

    @Inject
    private MessagingCore core;

    /** Marks the account disabled and closes its live connections; a missing uid is a NoSuchEntityException. */
    public UserAccount disable(long uid) {
        UserAccount account = users.setDisabled(uid, true);
        for (ClientSession session : core.sessions().sessionsOf(uid)) {
            session.disconnect(CloseReason.KICKED);
        }
        return account;
    }

    /**
     * Whether the account may act: it exists and is not disabled. Asked for every request with an
     * access token, so that disabling an account refuses its tokens at once, not when they expire.
     */
    public boolean isActive(long uid) {
        return users.find(uid).map(u -> !u.disabled()).orElse(false);
    }

    /** Lets the account log in again. */
    public UserAccount enable(long uid) {
        return users.setDisabled(uid, false);
    }

    /** {@link #disable} or {@link #enable}. */
    public UserAccount set(long uid, boolean disabled) {
        return disabled ? disable(uid) : enable(uid);
    }
}
