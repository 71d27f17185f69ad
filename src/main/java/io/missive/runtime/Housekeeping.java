package io.missive.runtime;

import io.missive.core.MessagingCore;
import io.missive.store.JdbcPubSubStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The core's periodic work: the advance of the deadline wheel (resends, pings, login timeouts) every
 * {@code missive.timer.resolution}, on a thread of its own, and the purge of expired messages (and
 * of MQTT messages every session has received) on the container's scheduler.
 *
 * <p>The wheel's thread comes from the container's {@link ManagedThreadFactory}, as the mailboxes'
 * do, with a plain scheduler on it: the container's scheduled executor sets up the application's
 * context for every run, which cost more than the advance itself, ten times a second on an idle
 * server (docs/benchmarks.md). The purge, once a minute, stays on the container's scheduler.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Resource
    private ManagedThreadFactory threads;

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

    private ScheduledThreadPoolExecutor wheel;
    private ScheduledFuture<?> purge;

    void start(@Observes @Priority(10) @Initialized(ApplicationScoped.class) Object ignored) {
        wheel = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = threads.newThread(runnable);
            thread.setName("missive-deadlines");
            return thread;
        });
        wheel.scheduleAtFixedRate(this::advanceDeadlines, resolution.toMillis(), resolution.toMillis(),
                TimeUnit.MILLISECONDS);
        purge = scheduler.scheduleWithFixedDelay(this::purgeExpired,
                purgeInterval.toMillis(), purgeInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A task that throws is not run again by its scheduler: the deadlines would stop for good. */
    private void advanceDeadlines() {
        try {
            core.deadlines().advance(core.clock().millis());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV1008 Advancing the deadlines failed", e);
        }
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
        if (wheel != null) {
            wheel.shutdownNow();
        }
        if (purge != null) {
            purge.cancel(true);   // a purge under way ends after its current batch (BatchedPurge)
        }
    }
}
