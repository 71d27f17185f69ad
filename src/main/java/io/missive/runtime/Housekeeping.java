package io.missive.runtime;

import io.missive.core.MessagingCore;
import io.missive.store.JdbcPubSubStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The core's periodic work on the container's scheduler: the deadline scan (resends, pings,
 * login timeouts) several times a second, and the purge of expired messages (and of MQTT messages
 * every session has received).
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Inject
    private MessagingCore core;

    @Inject
    private JdbcPubSubStore mqttStore;

    @Inject
    @ConfigProperty(name = "missive.timer.resolution", defaultValue = "100ms")
    private Duration resolution;

    @Inject
    @ConfigProperty(name = "missive.message.purge-interval", defaultValue = "60s")
    private Duration purgeInterval;

    private ScheduledFuture<?> scan;
    private ScheduledFuture<?> purge;

    void start(@Observes @Priority(10) @Initialized(ApplicationScoped.class) Object ignored) {
        scan = scheduler.scheduleAtFixedRate(() -> core.deadlines().advance(core.clock().millis()),
                resolution.toMillis(), resolution.toMillis(), TimeUnit.MILLISECONDS);
        purge = scheduler.scheduleWithFixedDelay(this::purgeExpired,
                purgeInterval.toMillis(), purgeInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void purgeExpired() {
        try {
            int purged = core.purgeExpired();
            if (purged > 0) {
                LOG.info(() -> "MSV1011 Purged " + purged + " expired messages");
            }
            int delivered = mqttStore.purgeDelivered();
            if (delivered > 0) {
                LOG.fine(() -> "Purged " + delivered + " MQTT messages every session has received");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV1012 Purging expired messages failed", e);
        }
    }

    @PreDestroy
    void stop() {
        if (scan != null) {
            scan.cancel(false);
        }
        if (purge != null) {
            purge.cancel(false);
        }
    }
}
