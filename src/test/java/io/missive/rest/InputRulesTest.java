package io.missive.rest;

import io.missive.rest.errors.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The validation rules themselves (Bean Validation applies them with Pattern.matches semantics). */
class InputRulesTest {

    private static final Pattern USERNAME = Pattern.compile(InputRules.USERNAME_PATTERN);
    private static final Pattern ROLE = Pattern.compile(InputRules.ROLE_PATTERN);

    @Test
    void usernames() {
        for (String good : List.of("a", "alice", "Alice_01", "a.b-c@d", "user@example.com", "张三", "ÄÖÜ", "x".repeat(64),
                "123", "_", "٣")) {
            assertThat(USERNAME.matcher(good).matches()).as(good).isTrue();
        }
        for (String bad : List.of("", "x".repeat(65), "a b", "a#1", "a/b", "a:b", "tab\t", "new\nline", "quote\"",
                "semi;colon", "percent%", "plus+", "emoji\uD83D\uDE00")) {
            assertThat(USERNAME.matcher(bad).matches()).as(bad).isFalse();
        }
    }

    @Test
    void userCentreNamesWithAHashCannotCollideWithManagementNames() {
        assertThat(USERNAME.matcher("alice#1234").matches()).isFalse();
    }

    @Test
    void passwordAndRoleAndGroupNameBounds() {
        assertThat(InputRules.PASSWORD_MIN).isEqualTo(8);
        assertThat(InputRules.PASSWORD_MAX).isEqualTo(256);
        assertThat(InputRules.GROUP_NAME_MAX).isEqualTo(128);
        assertThat(ROLE.matcher("user").matches()).isTrue();
        assertThat(ROLE.matcher("admin").matches()).isTrue();
        assertThat(ROLE.matcher("root").matches()).isFalse();
        assertThat(ROLE.matcher("Admin").matches()).isFalse();
        assertThat(ROLE.matcher("useradmin").matches()).isFalse();
    }

    @Test
    void idsInPaths() {
        assertThat(InputRules.id("1", "uid")).isEqualTo(1);
        assertThat(InputRules.id("4294967295", "uid")).isEqualTo(4294967295L);
        assertThat(InputRules.id("0001000", "uid")).isEqualTo(1000);
        for (String bad : List.of("0", "4294967296", "9999999999", "99999999999999999999", "-1", "+1", "abc", "1e3",
                "12 ", "", "0x10", "١٢")) {
            assertThatThrownBy(() -> InputRules.id(bad, "uid")).as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().getStatusCode()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("invalid_request");
                        assertThat(e.getMessage()).startsWith("uid must be a whole number from 1 to 4294967295");
                    });
        }
        assertThatThrownBy(() -> InputRules.id(null, "group id")).hasMessageStartingWith("group id ");
    }
}
