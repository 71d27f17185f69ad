package io.missive.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserCentreAccountsTest {

    @Test
    void triesTheLoginNameThenNameHashUid() {
        assertThat(UserCentreAccounts.candidateNames(1234, "test")).containsExactly("test", "test#1234");
    }

    @Test
    void aNameTooLongForTheColumnIsShortenedBeforeTheUid() {
        String longName = "n".repeat(70);
        assertThat(UserCentreAccounts.candidateNames(4294967295L, longName))
                .containsExactly("n".repeat(64 - 11) + "#4294967295")
                .allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(64));
        assertThat(UserCentreAccounts.candidateNames(7, "m".repeat(64))).containsExactly("m".repeat(64), "m".repeat(62) + "#7");
    }

    @Test
    void anEmptyNameBecomesTheUid() {
        assertThat(UserCentreAccounts.candidateNames(99, "")).containsExactly("#99");
    }

    @Test
    void shorteningNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";   // one character, two UTF-16 units
        String name = "a".repeat(59) + emoji + "bbbbbbbb";
        String shortened = UserCentreAccounts.candidateNames(123, name).get(0);
        assertThat(shortened).endsWith("#123");
        String prefix = shortened.substring(0, shortened.length() - 4);
        assertThat(Character.isHighSurrogate(prefix.charAt(prefix.length() - 1))).isFalse();
    }
}
