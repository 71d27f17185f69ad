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
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The core's traffic as MicroProfile Metrics, and the same figures for the admin API. It registers
 * the metrics and produces the {@link MessagingObserver} the core and the store call
 * ({@link TrafficCounters}). Once a second, off the delivery path, it moves the latencies recorded
 * since into the MP histogram (whose reservoir takes a lock per value), samples the totals for the
 * rates, and registers the connection gauge of any protocol label seen for the first time.
 */
@ApplicationScoped
public class TrafficMetrics {

    private static final Logger LOG = Logger.getLogger(TrafficMetrics.class.getName());

    static final String CONNECTIONS = "missive.connections";
    static final String MESSAGES_IN = "missive.messages.in";
    static final String MESSAGES_OUT = "missive.messages.out";
    static final String ACKNOWLEDGED = "missive.messages.acknowledged";
    static final String RESENT = "missive.messages.resent";
    static final String EXPIRED = "missive.messages.expired";
    /**
     * In milliseconds by name, not by MP unit: given the unit, Payara 6 converts the quantiles and the
     * maximum to seconds but not the sum.
     */
    static final String DELIVERY_LATENCY = "missive.delivery.latency.milliseconds";
    static final String COMMIT_BATCH_SIZE = "missive.store.commit.batch.size";
    static final String PROTOCOL_TAG = "protocol";

    /** The protocol labels every deployment can have, shown (as 0) before their first connection. */
    static final List<String> KNOWN_PROTOCOLS = List.of("binary-ws", "binary-wss", "binary-tcp", "binary-tls",
            "text-tcp", "text-tls", "mqtt-tcp", "mqtt-tls", "mqtt-ws", "mqtt-wss");

    @Inject
    private MetricRegistry registry;

    // looked up when first needed: the core is built with this bean's observer
    @Inject
    private Instance<MessagingCore> core;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final Instant startedAt = Instant.now();
    private final MessageRates rates = new MessageRates();
    private final Set<String> protocolGauges = ConcurrentHashMap.newKeySet();
    private TrafficCounters counters;
    private Histogram latency;
    private ScheduledFuture<?> sampling;

    /** The totals since start. */
    public record Totals(long in, long out, long acknowledged, long resent, long expired) {
    }

    @PostConstruct
    void register() {
        latency = registry.histogram(Metadata.builder().withName(DELIVERY_LATENCY)
                .withDescription("From a message's creation on the server to its first push to an online, caught-up"
                        + " recipient, to the precision of a 1-2-5 series of buckets")
                .withUnit(MetricUnits.NONE).build());
        Histogram batchSizes = registry.histogram(Metadata.builder().withName(COMMIT_BATCH_SIZE)
                .withDescription("Messages written per commit of the store's group-commit writer")
                .withUnit(MetricUnits.NONE).build());
        counters = new TrafficCounters(
                counter(MESSAGES_IN, "Messages published to the messaging core and committed"),
                counter(MESSAGES_OUT, "Messages pushed to a recipient's connection for the first time"),
                counter(ACKNOWLEDGED, "Pushes acknowledged by their recipient"),
                counter(RESENT, "Pushes sent again because they were not acknowledged in time"),
                counter(EXPIRED, "Stored messages deleted because their time to live ran out"),
                batchSizes);
        KNOWN_PROTOCOLS.forEach(this::ensureConnectionGauge);
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
            counters.latencies.drain(latency::update);
            rates.sample(System.currentTimeMillis(), counters.in.getCount(), counters.out.getCount());
            core.get().connections().countByProtocol().keySet().forEach(this::ensureConnectionGauge);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV4004 Sampling the traffic metrics failed", e);
        }
    }

    private void ensureConnectionGauge(String protocol) {
        if (protocolGauges.add(protocol)) {
            registry.gauge(Metadata.builder().withName(CONNECTIONS)
                            .withDescription("Live connections of this node, by protocol and transport").build(),
                    () -> core.get().connections().countOf(protocol),
                    new Tag(PROTOCOL_TAG, protocol));
        }
    }

    private Counter counter(String name, String description) {
        return registry.counter(Metadata.builder().withName(name).withDescription(description).build());
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Totals totals() {
        return new Totals(counters.in.getCount(), counters.out.getCount(), counters.acknowledged.getCount(),
                counters.resent.getCount(), counters.expired.getCount());
    }

    /** Messages per second in and out over the last few seconds. */
    public MessageRates.Rates rates() {
        return rates.rates();
    }
}
