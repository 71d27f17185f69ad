package io.missive.auth;

import io.missive.core.auth.AuthResult;
import io.missive.core.auth.Authenticator;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks logins against Missive's own accounts (the users table). Unknown users, accounts
 * without a password (made by user-centre logins) and wrong passwords are all
 * {@link AuthResult.Denied}, and all cost one password verification, so that the answer time
 * does not tell whether a username exists. A disabled account is reported as
 * {@link AuthResult.Disabled} only to a caller who gave its right password. A database error
 * is {@link AuthResult.Unavailable}.
 *
 * <p>Not a CDI bean: {@link AuthenticatorProducer} makes it.
 */
public final class DatabaseAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(DatabaseAuthenticator.class.getName());

    /** What the check needs of an account. */
    public record Account(long uid, String username, String passwordHash, boolean disabled) {
    }

    /** Finds an account by its exact username. */
    @FunctionalInterface
    public interface AccountLookup {
        Optional<Account> byUsername(String username);
    }

    private final AccountLookup accounts;
    private final PasswordHasher hasher;
    private volatile String dummyHash;

    public DatabaseAuthenticator(AccountLookup accounts, PasswordHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
    }

    @Override
    public AuthResult authenticate(String username, String password) {
        if (username == null || password == null) {
            return new AuthResult.Denied();
        }
        Optional<Account> account;
        try {
            account = accounts.byUsername(username);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV3006 Cannot look up an account: " + e, e);
            return new AuthResult.Unavailable("account database unavailable");
        }
        char[] secret = password.toCharArray();
        try {
            if (account.isEmpty() || account.get().passwordHash() == null || account.get().passwordHash().isBlank()) {
                hasher.verify(secret, dummyHash());   // same cost as a real check; the answer is no anyway
                return new AuthResult.Denied();
            }
            Account a = account.get();
            if (!hasher.verify(secret, a.passwordHash())) {
                return new AuthResult.Denied();
            }
            return a.disabled() ? new AuthResult.Disabled() : new AuthResult.Accepted(a.uid(), a.username());
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** A hash made with the current settings of a random password nobody knows. */
    private String dummyHash() {
        String d = dummyHash;
        if (d == null) {
            SecureRandom random = new SecureRandom();
            char[] unguessable = new char[32];
            for (int i = 0; i < unguessable.length; i++) {
                unguessable[i] = (char) ('!' + random.nextInt(94));
            }
            d = hasher.hash(unguessable);
            dummyHash = d;
        }
        return d;
    }
}
