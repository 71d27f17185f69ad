package io.missive.auth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthSettingsTest {

    private static AuthSettings read(Map<String, String> values) {
        return AuthSettings.read(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void theDefaultIsTheDatabaseWithAThreeSecondUserCentreTimeout() {
        AuthSettings settings = read(Map.of());

        assertThat(settings.mode()).isEqualTo(AuthSettings.Mode.DATABASE);
        assertThat(settings.userCentreUrl()).isNull();
        assertThat(settings.userCentreTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void userCentreModeWithUrlAndTimeout() {
        AuthSettings settings = read(Map.of(
                "missive.auth.mode", " User-Centre ",
                "missive.auth.user-centre.url", "http://auth.example.com/auth",
                "missive.auth.user-centre.timeout", "1500ms"));

        assertThat(settings.mode()).isEqualTo(AuthSettings.Mode.USER_CENTRE);
        assertThat(settings.userCentreUrl()).isEqualTo(URI.create("http://auth.example.com/auth"));
        assertThat(settings.userCentreTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void timeoutsAreMissiveDurations() {
        for (var c : Map.of("PT2S", Duration.ofSeconds(2), "5", Duration.ofSeconds(5), "250ms", Duration.ofMillis(250),
                "1m", Duration.ofMinutes(1)).entrySet()) {
            assertThat(read(Map.of("missive.auth.user-centre.timeout", c.getKey())).userCentreTimeout())
                    .as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void userCentreModeWithoutUrlFailsWithAClearMessage() {
        assertThatThrownBy(() -> read(Map.of("missive.auth.mode", "user-centre")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missive.auth.user-centre.url")
                .hasMessageContaining("MISSIVE_AUTH_USER_CENTRE_URL");
        assertThatThrownBy(() -> read(Map.of("missive.auth.mode", "user-centre", "missive.auth.user-centre.url", "  ")))
                .hasMessageContaining("missive.auth.user-centre.url");
    }

    @Test
    void badValuesFailWithTheSettingsName() {
        assertThatThrownBy(() -> read(Map.of("missive.auth.mode", "ldap")))
                .hasMessageContaining("missive.auth.mode").hasMessageContaining("ldap");
        assertThatThrownBy(() -> read(Map.of("missive.auth.mode", "user-centre",
                "missive.auth.user-centre.url", "auth.example.com/auth")))
                .hasMessageContaining("missive.auth.user-centre.url");
        assertThatThrownBy(() -> read(Map.of("missive.auth.mode", "user-centre",
                "missive.auth.user-centre.url", "ftp://auth.example.com/auth")))
                .hasMessageContaining("http");
        assertThatThrownBy(() -> read(Map.of("missive.auth.user-centre.timeout", "0s")))
                .hasMessageContaining("missive.auth.user-centre.timeout");
        assertThatThrownBy(() -> read(Map.of("missive.auth.user-centre.timeout", "soon")))
                .hasMessageContaining("missive.auth.user-centre.timeout");
    }
}
