package io.missive.auth;

import io.missive.core.auth.Authenticator;
import io.missive.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.logging.Logger;

/**
 * Makes the one {@link Authenticator} of the application (the only bean of that type: the two
 * implementations are plain classes, built here) from {@link AuthSettings}. The settings are
 * checked when the application starts, so that a wrong one stops the deployment with a clear
 * message instead of failing the first login.
 */
@ApplicationScoped
public class AuthenticatorProducer {

    private static final Logger LOG = Logger.getLogger(AuthenticatorProducer.class.getName());

    @Inject
    private Config config;

    @Inject
    private UserRepository users;

    @Inject
    private PasswordHasher hasher;

    @Inject
    private UserCentreAccounts userCentreAccounts;

    private volatile AuthSettings settings;

    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        AuthSettings s;
        try {
            s = settings();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Missive cannot start: " + e.getMessage(), e);
        }
        if (s.mode() == AuthSettings.Mode.USER_CENTRE) {
            LOG.info(() -> "MSV3001 Logins are checked by the user centre at " + s.userCentreUrl()
                    + " (timeout " + s.userCentreTimeout().toMillis() + " ms)");
        } else {
            LOG.info(() -> "MSV3002 Logins are checked against the users table (passwords: " + hasher.describe() + ")");
        }
    }

    @Produces
    @ApplicationScoped
    Authenticator authenticator() {
        AuthSettings s = settings();
        return switch (s.mode()) {
            case DATABASE -> new DatabaseAuthenticator(username -> users.findByUsername(username)
                    .map(u -> new DatabaseAuthenticator.Account(u.uid(), u.username(), u.passwordHash(), u.disabled())),
                    hasher);
            case USER_CENTRE -> new UserCentreAuthenticator(s.userCentreUrl(), s.userCentreTimeout(), userCentreAccounts);
        };
    }

    private AuthSettings settings() {
        AuthSettings s = settings;
        if (s == null) {
            s = AuthSettings.read(name -> config.getOptionalValue(name, String.class));
            settings = s;
        }
        return s;
    }
}
