package io.missive.config;

import java.util.Optional;

/**
 * What {@code /registration} tells devices: {@code broker}, the {@code host:port} to connect to when
 * configured, else the request's host and {@code textPort}, the text-protocol listener's port.
 */
public record PushSettings(Optional<String> broker, int textPort) {

    public static final String BROKER = "missive.push.broker";

    /** The configured broker, else this host and the text listener's port. */
    public String brokerFor(String host) {
        return broker.filter(b -> !b.isBlank()).orElseGet(() -> host + ":" + textPort);
    }
}
