package io.missive.auth;

import io.missive.repository.UserAccount;
import io.missive.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Gives every uid that the user centre accepts a row in the users table (uid and username, no
 * password), so that messages to and from it can be stored like any other user's. The username
 * is the login name; if another uid holds that name already (or it is longer than the column),
 * it is {@code <name>#<uid>}, shortened to fit.
 */
@ApplicationScoped
public class UserCentreAccounts implements UserCentreAuthenticator.LocalAccounts {

    private static final Logger LOG = Logger.getLogger(UserCentreAccounts.class.getName());

    static final int USERNAME_COLUMN = 64;

    @Inject
    private UserRepository users;

    @Override
    @Transactional
    public boolean ensureAndCheckDisabled(long uid, String username) {
        Optional<UserAccount> account = users.find(uid);
        if (account.isPresent()) {
            return disabledOrNotOurs(account.get());
        }
        for (String name : candidateNames(uid, username)) {
            if (users.addFromUserCentre(uid, name)) {
                return false;
            }
            account = users.find(uid);   // another login of the same uid won the race
            if (account.isPresent()) {
                return disabledOrNotOurs(account.get());
            }
        }
        throw new IllegalStateException("no free username for uid " + uid + " (tried " + candidateNames(uid, username) + ")");
    }

    /**
     * An existing row is the user centre's only if it made it: a local account (an administrator's too), a
     * device or the system user with the same uid is never taken over; the login is turned away as a
     * disabled account would be.
     */
    private boolean disabledOrNotOurs(UserAccount account) {
        if (!users.isFromUserCentre(account.uid())) {
            LOG.warning(() -> "MSV3007 The user centre answered uid " + account.uid() + ", which is a local account or"
                    + " a device here; the login is refused and the account left as it is");
            return true;
        }
        return account.disabled();
    }

    /** The names to try, in order: the login name if it fits, then {@code <name>#<uid>}. */
    static List<String> candidateNames(long uid, String username) {
        List<String> names = new ArrayList<>(2);
        if (!username.isEmpty() && username.length() <= USERNAME_COLUMN) {
            names.add(username);
        }
        String suffix = "#" + uid;
        names.add(truncate(username, USERNAME_COLUMN - suffix.length()) + suffix);
        return names;
    }

    private static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
