package io.missive.auth;

import io.missive.core.auth.AuthResult;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseAuthenticatorTest {

    private final CountingPasswordHasher hasher = new CountingPasswordHasher();
    private final Map<String, DatabaseAuthenticator.Account> accounts = new HashMap<>();
    private final DatabaseAuthenticator authenticator =
            new DatabaseAuthenticator(name -> Optional.ofNullable(accounts.get(name)), hasher);

    private void account(long uid, String name, String password, boolean disabled) {
        accounts.put(name, new DatabaseAuthenticator.Account(uid, name,
                password == null ? null : hasher.hash(password.toCharArray()), disabled));
    }

    @Test
    void theRightPasswordIsAccepted() {
        account(1000, "alice", "s3cret-pw", false);

        assertThat(authenticator.authenticate("alice", "s3cret-pw")).isEqualTo(new AuthResult.Accepted(1000, "alice"));
    }

    @Test
    void aWrongPasswordIsDenied() {
        account(1000, "alice", "s3cret-pw", false);

        assertThat(authenticator.authenticate("alice", "s3cret-pX")).isEqualTo(new AuthResult.Denied());
        assertThat(authenticator.authenticate("Alice", "s3cret-pw")).isEqualTo(new AuthResult.Denied());
    }

    @Test
    void anUnknownUserIsDeniedAfterAVerificationOfTheSameCost() {
        account(1000, "alice", "s3cret-pw", false);
        int before = hasher.verified.get();

        assertThat(authenticator.authenticate("mallory", "s3cret-pw")).isEqualTo(new AuthResult.Denied());
        assertThat(hasher.verified.get()).isEqualTo(before + 1);

        assertThat(authenticator.authenticate("mallory2", "x")).isEqualTo(new AuthResult.Denied());
        assertThat(hasher.verified.get()).isEqualTo(before + 2);
        assertThat(hasher.generated.get()).as("one dummy hash, made once").isEqualTo(2);
    }

    @Test
    void anAccountWithoutPasswordIsDenied() {
        account(5, "from-user-centre", null, false);
        int before = hasher.verified.get();

        assertThat(authenticator.authenticate("from-user-centre", "")).isEqualTo(new AuthResult.Denied());
        assertThat(authenticator.authenticate("from-user-centre", "anything")).isEqualTo(new AuthResult.Denied());
        assertThat(hasher.verified.get()).isEqualTo(before + 2);
    }

    @Test
    void aDisabledAccountIsReportedOnlyWithItsRightPassword() {
        account(1001, "bob", "bobs-password", true);

        assertThat(authenticator.authenticate("bob", "bobs-password")).isEqualTo(new AuthResult.Disabled());
        assertThat(authenticator.authenticate("bob", "guess")).isEqualTo(new AuthResult.Denied());
    }

    @Test
    void aDatabaseErrorIsUnavailable() {
        DatabaseAuthenticator broken = new DatabaseAuthenticator(name -> {
            throw new IllegalStateException("connection refused");
        }, hasher);

        assertThat(broken.authenticate("alice", "s3cret-pw")).isInstanceOf(AuthResult.Unavailable.class);
    }

    @Test
    void nullCredentialsAreDenied() {
        assertThat(authenticator.authenticate(null, "x")).isEqualTo(new AuthResult.Denied());
        assertThat(authenticator.authenticate("x", null)).isEqualTo(new AuthResult.Denied());
    }
}
