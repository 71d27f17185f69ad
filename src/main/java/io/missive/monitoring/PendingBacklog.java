package io.missive.monitoring;

import io.missive.repository.PendingCounts;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's pending backlog (stored messages not yet delivered to a recipient), counted in SQL
 * every {@code missive.metrics.backlog-interval} rather than per scrape or status call, because the
 * count reads every cursor that is behind.
 */
@ApplicationScoped
public class PendingBacklog {

    private static final Logger LOG = Logger.getLogger(PendingBacklog.class.getName());
    static final String PENDING_BACKLOG = "missive.pending.backlog";

    @Inject
    private PendingCounts pending;

    @Inject
    private MetricRegistry registry;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "missive.metrics.backlog-interval", defaultValue = "15s")
    private Duration interval;

    private volatile long backlog;
    private volatile Instant countedAt;
    private ScheduledFuture<?> counting;

    @PostConstruct
    void register() {
        registry.gauge(Metadata.builder().withName(PENDING_BACKLOG)
                .withDescription("Messages stored and not yet delivered to a recipient, counted every"
                        + " missive.metrics.backlog-interval").build(), () -> backlog);
    }

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
