package io.missive.auth;

import io.missive.runtime.DurationConverter;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * How logins are checked, read from MicroProfile Config:
 * <ul>
 *   <li>{@code missive.auth.mode}: {@code database} (default; Missive's own accounts) or
 *       {@code user-centre} (the seed's HTTP user centre);</li>
 *   <li>{@code missive.auth.user-centre.url}: the user centre's absolute http(s) URL; required
 *       in user-centre mode;</li>
 *   <li>{@code missive.auth.user-centre.timeout}: the longest wait for its answer, connection
 *       included; default {@value #DEFAULT_TIMEOUT}. Written like every Missive duration
 *       ({@link DurationConverter}): {@code 3s}, {@code 500ms}, {@code PT3S}; a bare number is
 *       seconds.</li>
 * </ul>
 * Wrong settings stop the deployment with a message naming the setting.
 */
public record AuthSettings(Mode mode, URI userCentreUrl, Duration userCentreTimeout) {

    public static final String MODE = "missive.auth.mode";
    public static final String USER_CENTRE_URL = "missive.auth.user-centre.url";
    public static final String USER_CENTRE_TIMEOUT = "missive.auth.user-centre.timeout";
    public static final String DEFAULT_TIMEOUT = "3s";

    /** Where logins are checked. */
    public enum Mode {
        DATABASE("database"),
        USER_CENTRE("user-centre");

        private final String configValue;

        Mode(String configValue) {
            this.configValue = configValue;
        }

        public String configValue() {
            return configValue;
        }
    }

    /** Reads the settings; {@code lookup} answers a setting's raw value (empty when unset). */
    public static AuthSettings read(Function<String, Optional<String>> lookup) {
        String modeValue = lookup.apply(MODE).map(String::trim).filter(s -> !s.isEmpty()).orElse("database");
        Mode mode = switch (modeValue.toLowerCase(Locale.ROOT)) {
            case "database" -> Mode.DATABASE;
            case "user-centre" -> Mode.USER_CENTRE;
            default -> throw new IllegalArgumentException(MODE + " must be 'database' or 'user-centre', not '"
                    + modeValue + "'");
        };

        String timeoutValue = lookup.apply(USER_CENTRE_TIMEOUT).map(String::trim).filter(s -> !s.isEmpty())
                .orElse(DEFAULT_TIMEOUT);
        Duration timeout;
        try {
            timeout = new DurationConverter().convert(timeoutValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(USER_CENTRE_TIMEOUT + ": " + e.getMessage(), e);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(USER_CENTRE_TIMEOUT + " must be a positive duration (e.g. 3s, 500ms),"
                    + " not '" + timeoutValue + "'");
        }

        URI url = null;
        Optional<String> urlValue = lookup.apply(USER_CENTRE_URL).map(String::trim).filter(s -> !s.isEmpty());
        if (urlValue.isPresent()) {
            url = parseUrl(urlValue.get());
        } else if (mode == Mode.USER_CENTRE) {
            throw new IllegalArgumentException(MODE + "=user-centre needs " + USER_CENTRE_URL
                    + " (environment MISSIVE_AUTH_USER_CENTRE_URL): the user centre's URL, e.g. http://auth.example.com/auth");
        }
        return new AuthSettings(mode, url, timeout);
    }

    private static URI parseUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException(USER_CENTRE_URL + " must be an absolute http:// or https:// URL,"
                        + " not '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(USER_CENTRE_URL + " is not a URL: '" + value + "' (" + e.getMessage() + ")", e);
        }
    }
}
