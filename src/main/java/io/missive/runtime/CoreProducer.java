package io.missive.runtime;

import io.missive.binary.BinarySettings;
import io.missive.text.TextSettings;
import io.missive.core.CoreSettings;
import io.missive.core.auth.LoginThrottle;
import io.missive.auth.DeviceTokenAuthenticator;
import io.missive.core.CoreExecutors;
import io.missive.core.MessagingCore;
import io.missive.core.store.Directories;
import io.missive.core.auth.Authenticator;
import io.missive.core.routing.ClusterRelay;
import io.missive.core.session.ClusterPresence;
import io.missive.core.session.DeliverySettings;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.core.stats.MessagingObserver;
import io.missive.core.store.ChannelDirectory;
import io.missive.core.store.GroupDirectory;
import io.missive.core.store.MessageStore;
import io.missive.core.store.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;

/**
 * Builds the one messaging core of this node from configuration and the container's resources,
 * and the binary protocol's timers, which every transport carrying that protocol shares.
 */
@ApplicationScoped
public class CoreProducer {

    @Inject
    private BeanManager beans;

    @Inject
    private MailboxPool mailboxes;

    @Inject
    private CredentialCheckPool credentialChecks;

    @Inject
    private MessageStore store;

    @Inject
    private UserDirectory users;

    @Inject
    private GroupDirectory groups;

    @Inject
    private ChannelDirectory channels;

    @Inject
    private Authenticator authenticator;

    @Inject
    private DeviceTokenAuthenticator deviceAuthenticator;

    @Inject
    private MessagingObserver observer;

    @Inject
    private ClusterRelay relay;

    @Inject
    private ClusterPresence presence;

    @Inject
    @ConfigProperty(name = "missive.session.duplicate-login", defaultValue = "refuse")
    private String duplicateLogin;

    @Inject
    @ConfigProperty(name = "missive.delivery.window", defaultValue = "256")
    private int window;

    @Inject
    @ConfigProperty(name = "missive.delivery.resend-interval", defaultValue = "2s")
    private Duration resendInterval;

    @Inject
    @ConfigProperty(name = "missive.delivery.max-resends", defaultValue = "3")
    private int maxResends;

    @Inject
    @ConfigProperty(name = "missive.delivery.queue-limit", defaultValue = "2048")
    private int queueLimit;

    @Inject
    @ConfigProperty(name = "missive.delivery.page-size", defaultValue = "500")
    private int pageSize;

    @Inject
    @ConfigProperty(name = "missive.message.max-payload-bytes", defaultValue = "65535")
    private int maxPayloadBytes;

    @Inject
    @ConfigProperty(name = "missive.message.default-ttl", defaultValue = "0s")
    private Duration defaultTtl;

    @Inject
    @ConfigProperty(name = "missive.connection.inbound-backlog", defaultValue = "64")
    private int inboundBacklog;

    @Inject
    @ConfigProperty(name = "missive.connection.max-awaiting-login-per-address", defaultValue = "64")
    private int maxAwaitingLogin;

    @Inject
    @ConfigProperty(name = "missive.auth.failure-delay", defaultValue = "1s")
    private Duration loginFailureDelay;

    @Inject
    @ConfigProperty(name = "missive.auth.throttle.address-failures", defaultValue = "20")
    private int addressFailures;

    @Inject
    @ConfigProperty(name = "missive.auth.throttle.address-refill", defaultValue = "500ms")
    private Duration addressRefill;

    @Inject
    @ConfigProperty(name = "missive.auth.throttle.username-failures", defaultValue = "10")
    private int usernameFailures;

    @Inject
    @ConfigProperty(name = "missive.auth.throttle.username-refill", defaultValue = "6s")
    private Duration usernameRefill;

    @Inject
    @ConfigProperty(name = "missive.binary.connect-timeout", defaultValue = "10s")
    private Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "missive.binary.ping-interval", defaultValue = "30s")
    private Duration pingInterval;

    @Inject
    @ConfigProperty(name = "missive.binary.ping-timeout", defaultValue = "10s")
    private Duration pingTimeout;

    @Inject
    @ConfigProperty(name = "missive.text.identify-timeout", defaultValue = "10s")
    private Duration identifyTimeout;

    @Inject
    @ConfigProperty(name = "missive.text.heartbeat-interval", defaultValue = "300s")
    private Duration heartbeatInterval;

    @Inject
    @ConfigProperty(name = "missive.text.min-heartbeat-interval", defaultValue = "1s")
    private Duration minHeartbeatInterval;

    @Inject
    @ConfigProperty(name = "missive.text.max-heartbeat-interval", defaultValue = "3600s")
    private Duration maxHeartbeatInterval;

    @Produces
    @Singleton
    TextSettings textSettings() {
        try {
            return new TextSettings(identifyTimeout.toMillis(), heartbeatInterval.toMillis(),
                    minHeartbeatInterval.toMillis(), maxHeartbeatInterval.toMillis());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("missive.text.*-heartbeat-interval: " + e.getMessage(), e);
        }
    }

    @Produces
    @Singleton
    BinarySettings binarySettings() {
        return new BinarySettings(connectTimeout.toMillis(), pingInterval.toMillis(), pingTimeout.toMillis());
    }

    @Produces
    @Singleton
    MessagingCore core() {
        DuplicateLoginPolicy policy = DuplicateLoginPolicy.valueOf(duplicateLogin.trim().toUpperCase(Locale.ROOT));
        CoreSettings settings = new CoreSettings(policy,
                new DeliverySettings(window, resendInterval.toMillis(), maxResends, queueLimit, pageSize),
                maxPayloadBytes, defaultTtl.toMillis(), inboundBacklog,
                new LoginThrottle.Rule(addressFailures, addressRefill.toMillis()),
                new LoginThrottle.Rule(usernameFailures, usernameRefill.toMillis()), maxAwaitingLogin,
                loginFailureDelay.toMillis());
        // the store and the user directory are called for every message: without their proxies
        return new MessagingCore(ContextualInstance.of(beans, MessageStore.class, store),
                new Directories(ContextualInstance.of(beans, UserDirectory.class, users), groups, channels),
                authenticator, deviceAuthenticator,
                relay, presence, new CoreExecutors(mailboxes, credentialChecks, mailboxes, mailboxes), InstantSource.system(), settings,
                observer);
    }

    void close(@Disposes MessagingCore core) {
        core.shutdown();
    }
}
