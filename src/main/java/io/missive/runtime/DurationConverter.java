package io.missive.runtime;

import org.eclipse.microprofile.config.spi.Converter;

import java.time.Duration;
import java.util.Locale;

/**
 * Reads durations in configuration: "500ms", "30s", "2m", "1h", "PT30S" (ISO-8601), or a bare
 * number of seconds.
 */
public class DurationConverter implements Converter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return null;
        }
        try {
            if (v.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            char unit = v.charAt(v.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            }
            double amount = Double.parseDouble(v.substring(0, v.length() - 1).trim());
            long millis = switch (unit) {
                case 's' -> Math.round(amount * 1_000);
                case 'm' -> Math.round(amount * 60_000);
                case 'h' -> Math.round(amount * 3_600_000);
                case 'd' -> Math.round(amount * 86_400_000);
                default -> throw new IllegalArgumentException("unknown unit '" + unit + "'");
            };
            return Duration.ofMillis(millis);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + value + "' (use 500ms, 30s, 2m, 1h or PT30S)", e);
        }
    }
}
