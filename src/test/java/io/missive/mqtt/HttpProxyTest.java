package io.missive.mqtt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpProxyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void offWithoutUpstreams() {
        HttpProxy proxy = new HttpProxy(List.of(), TIMEOUT);
        List<String> errors = new ArrayList<>();
        proxy.forward("http://example.com/", new byte[0], result -> errors.add("answered"), errors::add);
        assertThat(proxy.isOn()).isFalse();
        assertThat(errors).containsExactly("the http proxy is off on this server");
    }

    @Test
    void onlyUrlsUnderAnUpstreamAreAllowed() {
        HttpProxy proxy = new HttpProxy(List.of("https://api.example.com/pay", "http://127.0.0.1"), TIMEOUT);
        assertThat(proxy.allows("https://api.example.com/pay")).isTrue();
        assertThat(proxy.allows("https://api.example.com/pay/one.json?x=1")).isTrue();
        assertThat(proxy.allows("https://API.example.com/pay/one.json")).isTrue();
        assertThat(proxy.allows("https://api.example.com/payroll")).isFalse();
        assertThat(proxy.allows("https://api.example.com/")).isFalse();
        assertThat(proxy.allows("http://api.example.com/pay")).isFalse();
        assertThat(proxy.allows("https://api.example.com.evil.net/pay")).isFalse();
        assertThat(proxy.allows("https://api.example.com@evil.net/pay")).isFalse();
        assertThat(proxy.allows("http://127.0.0.1:8080/anything")).isTrue();
        assertThat(proxy.allows("http://127.0.0.10/")).isFalse();

        List<String> errors = new ArrayList<>();
        proxy.forward("http://evil.net/", new byte[0], result -> errors.add("answered"), errors::add);
        assertThat(errors).singleElement().asString().contains("not under an allowed upstream");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "https://api.example.com/pay/../admin, false",
            "https://api.example.com/pay/%2e%2e/admin, false",
            "https://api.example.com/pay/%2E%2E/admin, false",
            "https://api.example.com/pay/.%2e/admin, false",
            "https://api.example.com/pay/%2e%2e%2fadmin, false",
            "https://api.example.com/pay%2F..%2Fadmin, false",
            "https://api.example.com/pay/%252e%252e/admin, false",
            "https://api.example.com/pay/..;/admin, false",
            "https://api.example.com/pay/..%5cadmin, false",
            "https://api.example.com/pay/./../admin, false",
            "https://api.example.com/pay/one/../../admin, false",
            "https://api.example.com/pay/../../pay/../admin, false",
            "https://api.example.com/pay/one/../two.json, true",
            "https://api.example.com/pay/./one.json, true",
            "https://api.example.com/pay/%6Fne.json, true",
            "https://api.example.com/pay/one%20two, true"})
    void thePathIsComparedOnceDecodedAndNormalised(String url, boolean allowed) {
        HttpProxy proxy = new HttpProxy(List.of("https://api.example.com/pay"), TIMEOUT);
        assertThat(proxy.allows(url)).isEqualTo(allowed);
    }

    @Test
    void anUpstreamMustBeAnHttpUrlWithAHost() {
        assertThatThrownBy(() -> new HttpProxy(List.of("ftp://example.com"), TIMEOUT)).hasMessageContaining("ftp://example.com");
        assertThatThrownBy(() -> new HttpProxy(List.of("example.com"), TIMEOUT)).hasMessageContaining("example.com");
    }
}
