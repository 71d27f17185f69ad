package io.missive.monitoring;

import io.missive.repository.PendingCounts;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's pending backlog (stored messages not yet delivered to a recipient), counted in SQL
 * every {@code missive.metrics.backlog-interval} rather than per scrape or status call, because the
 * count reads every cursor that is behind. {@link TrafficMetrics} exports it as a gauge.
 */
@ApplicationScoped
public class PendingBacklog {

    private static final Logger LOG = Logger.getLogger(PendingBacklog.class.getName());

    @Inject
    private PendingCounts pending;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "missive.metrics.backlog-interval", defaultValue = "15s")
    private Duration interval;

    private volatile long backlog;
    private volatile Instant countedAt;
    private ScheduledFuture<?> counting;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        counting = scheduler.scheduleWithFixedDelay(this::count, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (counting != null) {
            counting.cancel(false);
        }
    }

    private void count() {
        try {
            backlog = pending.total();
            countedAt = Instant.now();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV4003 Counting the pending backlog failed", e);
        }
    }

    /** The backlog as last counted. */
    public long backlog() {
        return backlog;
    }

    /** When it was last counted; null before the first count. */
    public Instant countedAt() {
        return countedAt;
    }
}
