package io.missive.config;

import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.fishchat.FishChatSettings;
import io.missive.msgd.MsgdSettings;
import io.missive.protocol.Protocols;
import io.missive.runtime.DurationConverter;
import io.missive.tcp.TcpListenerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * Reads each area's settings from MicroProfile Config, once, into a typed record: every key and
 * default is written here or in its record, and nowhere else. {@code @Singleton}, not
 * {@code @ApplicationScoped}: records are final, so they cannot be proxied.
 */
@ApplicationScoped
public class SettingsProducer {

    @Inject
    private Config config;

    @Produces
    @Singleton
    StoreSettings store() {
        return new StoreSettings(integer(StoreSettings.BATCH_SIZE, 500), integer(StoreSettings.QUEUE_CAPACITY, 100_000),
                config.getOptionalValue(StoreSettings.QUEUE_MAX_BYTES, Long.class)
                        .orElse(StoreSettings.DEFAULT_QUEUE_MAX_BYTES),
                duration(StoreSettings.LINGER, "2ms"));
    }

    @Produces
    @Singleton
    ClusterSettings cluster() {
        return new ClusterSettings(config.getOptionalValue(ClusterSettings.ENABLED, Boolean.class).orElse(false),
                config.getOptionalValue(ClusterSettings.NODE_ID, String.class)
                        .orElseGet(() -> UUID.randomUUID().toString().substring(0, 8)),
                config.getOptionalValue(ClusterSettings.ADVERTISED_HOST, String.class),
                duration(ClusterSettings.REJOIN_AFTER, ClusterSettings.DEFAULT_REJOIN_AFTER));
    }

    @Produces
    @Singleton
    HistorySettings history() {
        return new HistorySettings(integer(HistorySettings.MAX_PAGE_SIZE, 200));
    }

    @Produces
    @Singleton
    PushSettings push() {
        return new PushSettings(config.getOptionalValue(PushSettings.BROKER, String.class), textListenerPort());
    }

    @Produces
    @Singleton
    MsgdSettings msgd() {
        return new MsgdSettings(millis(MsgdSettings.JOIN_TIMEOUT, "10s"), millis(MsgdSettings.LIVENESS_TIMEOUT, "60s"),
                config.getOptionalValue(MsgdSettings.CREATE_UNKNOWN, Boolean.class).orElse(true),
                millis(MsgdSettings.UNPERSISTED_TTL, "2s"));
    }

    @Produces
    @Singleton
    FishChatSettings fishChat() {
        String policy = config.getOptionalValue(FishChatSettings.DUPLICATE_LOGIN, String.class).orElse("replace");
        DuplicateLoginPolicy duplicateLogin;
        try {
            duplicateLogin = DuplicateLoginPolicy.valueOf(policy.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FishChatSettings.DUPLICATE_LOGIN + ": '" + policy
                    + "' is none of refuse, replace, multiple", e);
        }
        return new FishChatSettings(millis(FishChatSettings.LOGIN_TIMEOUT, "10s"),
                config.getOptionalValue(FishChatSettings.CREATE_UNKNOWN, Boolean.class).orElse(true),
                config.getOptionalValue(FishChatSettings.REQUIRE_TOKEN, Boolean.class).orElse(false),
                duplicateLogin, config.getOptionalValue(FishChatSettings.ADVERTISED_ADDRESS, String.class),
                millis(FishChatSettings.MESSAGE_TTL, "2d"));
    }

    /**
     * The text-protocol listener's port as the TCP connector reads it ({@code missive.tcp.text.port},
     * else the protocol's default), for the address {@code /registration} gives devices.
     */
    int textListenerPort() {
        return integer(TcpListenerSettings.PREFIX + Protocols.TEXT.name() + ".port", Protocols.TEXT.defaultPort());
    }

    private long millis(String key, String defaultValue) {
        return duration(key, defaultValue).toMillis();
    }

    private Duration duration(String key, String defaultValue) {
        return config.getOptionalValue(key, Duration.class).orElseGet(() -> new DurationConverter().convert(defaultValue));
    }

    private int integer(String key, int defaultValue) {
        return config.getOptionalValue(key, Integer.class).orElse(defaultValue);
    }
}
