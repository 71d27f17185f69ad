package io.missive.monitoring;

import io.missive.core.MessagingCore;
import io.missive.core.stats.MessagingObserver;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The core's traffic, counted by Missive itself ({@link TrafficCounters}, the {@link MessagingObserver}
 * it produces for the core and the store), for the admin API and the metrics. Once a second, off the
 * delivery path, it samples the totals for the rates, notes the protocol labels seen, and feeds the
 * server's metrics system when there is one: MicroProfile Metrics where the server has it (Payara),
 * found at run time; elsewhere (WildFly 39) {@link PrometheusText} serves the same figures at
 * {@code /metrics}.
 */
@ApplicationScoped
public class TrafficMetrics {

    private static final Logger LOG = Logger.getLogger(TrafficMetrics.class.getName());

    /** The protocol labels every deployment can have, shown (as 0) before their first connection. */
    static final List<String> KNOWN_PROTOCOLS = List.of("binary-ws", "binary-wss", "binary-tcp", "binary-tls",
            "text-tcp", "text-tls", "mqtt-tcp", "mqtt-tls", "mqtt-ws", "mqtt-wss", "msgd-tcp", "msgd-tls",
            "fishchat-tcp", "fishchat-tls");
    private static final String MICROPROFILE_METRICS_API = "org.eclipse.microprofile.metrics.MetricRegistry";

    // looked up when first needed: the core is built with this bean's observer
    @Inject
    private Instance<MessagingCore> core;

    @Inject
    private PendingBacklog backlog;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final Instant startedAt = Instant.now();
    private final MessageRates rates = new MessageRates();
    private final Set<String> protocols = ConcurrentHashMap.newKeySet();
    private final TrafficCounters counters = new TrafficCounters();
    private Optional<MetricsExport> export = Optional.empty();
    private ScheduledFuture<?> sampling;

    /** The totals since start. */
    public record Totals(long in, long out, long acknowledged, long resent, long expired) {
    }

    @PostConstruct
    void register() {
        protocols.addAll(KNOWN_PROTOCOLS);
        export = microProfileMetrics();
        LOG.info(() -> "MSV4005 Metrics: " + (export.isPresent() ? "MicroProfile Metrics (the server's /metrics)"
                : "no MicroProfile Metrics on this server, Missive serves /metrics itself"));
    }

    /**
     * The MicroProfile Metrics binding if the API is visible to the WAR: tested by name first, so
     * that {@link MicroProfileMetrics}, the one class naming it, is never loaded where it is missing.
     */
    private Optional<MetricsExport> microProfileMetrics() {
        try {
            Class.forName(MICROPROFILE_METRICS_API, false, TrafficMetrics.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        return MicroProfileMetrics.bind(counters, backlog::backlog, this::connections);
    }

    /** What the core and the store report to: the plain counters, not this bean's proxy. */
    @Produces
    @Singleton
    MessagingObserver observer() {
        return counters;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        sampling = scheduler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sampling != null) {
            sampling.cancel(false);
        }
    }

    private void sample() {
        try {
            rates.sample(System.currentTimeMillis(), counters.in.sum(), counters.out.sum());
            protocols.addAll(core.get().connections().countByProtocol().keySet());
            export.ifPresent(e -> e.sample(protocols));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV4004 Sampling the traffic metrics failed", e);
        }
    }

    /** Whether the server's own metrics system shows these figures; if not, {@link PrometheusText} does. */
    public boolean exportedByTheServer() {
        return export.isPresent();
    }

    public TrafficCounters counters() {
        return counters;
    }

    /** Every protocol label known or seen so far. */
    public Set<String> protocols() {
        return Set.copyOf(protocols);
    }

    public long connections(String protocol) {
        return core.get().connections().countOf(protocol);
    }

    public long backlog() {
        return backlog.backlog();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Totals totals() {
        return new Totals(counters.in.sum(), counters.out.sum(), counters.acknowledged.sum(),
                counters.resent.sum(), counters.expired.sum());
    }

    /** Messages per second in and out over the last few seconds. */
    public MessageRates.Rates rates() {
        return rates.rates();
    }
}
