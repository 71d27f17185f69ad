package io.missive.core.auth;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed logins per address and per username (issue 17, login floods). */
class LoginThrottleTest {

    final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Rule(20, 500), new LoginThrottle.Rule(10, 6_000));

    @Test
    @DisplayName("20 failures from one address, then its logins wait; one is forgiven every 0.5 s")
    void anAddressThatKeepsFailingWaits() {
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.waitSeconds("10.0.0.1", "user" + i, 0)).isZero();
            throttle.failed("10.0.0.1", "user" + i, 0);
        }
        assertThat(throttle.waitSeconds("10.0.0.1", "anyone", 0)).isEqualTo(1);
        assertThat(throttle.waitSeconds("10.0.0.2", "anyone", 0)).as("another address").isZero();
        assertThat(throttle.waitSeconds("10.0.0.1", "anyone", 500)).as("one failure forgiven").isZero();
    }

    @Test
    @DisplayName("10 failures for one username, from anywhere, then its logins wait 6 s per failure forgiven")
    void aUsernameGuessedAtWaits() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.1." + i, "alice", 0);
        }
        assertThat(throttle.waitSeconds("10.9.9.9", "alice", 0)).isEqualTo(6);
        assertThat(throttle.waitSeconds("10.9.9.9", "alice", 5_000)).isEqualTo(1);
        assertThat(throttle.waitSeconds("10.9.9.9", "alice", 6_000)).isZero();
        assertThat(throttle.waitSeconds("10.9.9.9", "bob", 0)).isZero();
    }

    @Test
    @DisplayName("a rule of 0 failures is off")
    void zeroTurnsARuleOff() {
        LoginThrottle usernamesOnly = new LoginThrottle(new LoginThrottle.Rule(0, 1), new LoginThrottle.Rule(2, 1_000));
        for (int i = 0; i < 1_000; i++) {
            usernamesOnly.failed("10.0.0.1", "u" + i, 0);
        }
        assertThat(usernamesOnly.waitSeconds("10.0.0.1", "fresh", 0)).isZero();
        usernamesOnly.failed("10.0.0.1", "fresh", 0);
        usernamesOnly.failed("10.0.0.1", "fresh", 0);
        assertThat(usernamesOnly.waitSeconds("10.0.0.1", "fresh", 0)).isEqualTo(1);
    }
}
