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
            assertThat(throttle.begin("10.0.0.1", "user" + i, 0)).isZero();   // and failed
        }
        assertThat(throttle.begin("10.0.0.1", "anyone", 0)).isEqualTo(1);
        assertThat(throttle.begin("10.0.0.2", "anyone", 0)).as("another address").isZero();
        assertThat(throttle.begin("10.0.0.1", "anyone", 500)).as("one failure forgiven").isZero();
    }

    @Test
    @DisplayName("10 failures for one username, from anywhere, then its logins wait 6 s per failure forgiven")
    void aUsernameGuessedAtWaits() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.begin("10.0.1." + i, "alice", 0)).isZero();
        }
        assertThat(throttle.begin("10.9.9.9", "alice", 0)).isEqualTo(6);
        assertThat(throttle.begin("10.9.9.9", "alice", 5_000)).isEqualTo(1);
        assertThat(throttle.begin("10.9.9.9", "alice", 6_000)).isZero();
        assertThat(throttle.begin("10.9.9.9", "bob", 0)).isZero();
    }

    @Test
    @DisplayName("a rule of 0 failures is off")
    void zeroTurnsARuleOff() {
        LoginThrottle usernamesOnly = new LoginThrottle(new LoginThrottle.Rule(0, 1), new LoginThrottle.Rule(2, 1_000));
        for (int i = 0; i < 1_000; i++) {
            assertThat(usernamesOnly.begin("10.0.0.1", "u" + i, 0)).isZero();
        }
        assertThat(usernamesOnly.begin("10.0.0.1", "fresh", 0)).isZero();
        assertThat(usernamesOnly.begin("10.0.0.1", "fresh", 0)).isZero();
        assertThat(usernamesOnly.begin("10.0.0.1", "fresh", 0)).isEqualTo(1);
    }

    @Test
    @DisplayName("checks begun at once take their failures at once: a burst cannot pass while the first checks run")
    void aBurstOfChecksBegunTogetherIsBoundedByTheBucket() {
        int begun = 0;
        for (int i = 0; i < 200; i++) {
            if (throttle.begin("10.0.0.1", "victim", 0) == 0) {
                begun++;
            }
        }
        assertThat(begun).as("the username's 10, not 200").isEqualTo(10);
    }

    @Test
    @DisplayName("a check that does not fail gives its failure back: successful logins are never held back")
    void aSuccessGivesTheFailureBack() {
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.begin("10.0.0.1", "user" + i, 0)).isZero();
            throttle.notFailed("10.0.0.1", "user" + i, 0);
        }
        assertThat(throttle.begin("10.0.0.1", "anyone", 0)).isZero();
    }

    @Test
    @DisplayName("refused by the username's rule, a login takes nothing from its address's bucket")
    void aRefusalTakesNothing() {
        for (int i = 0; i < 10; i++) {
            throttle.begin("10.0.1." + i, "alice", 0);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(throttle.begin("10.0.0.1", "alice", 0)).isPositive();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.begin("10.0.0.1", "user" + i, 0)).as("the address's 20 are all there").isZero();
        }
    }
}
