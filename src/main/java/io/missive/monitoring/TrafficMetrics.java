package io.missive.monitoring;

import io.missive.core.MessagingCore;
import io.missive.core.model.Message;
import io.missive.core.stats.MessagingObserver;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
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
 * The core's traffic as MicroProfile Metrics, and the same figures for the admin API. Counters are
 * MP Metrics counters (a {@code LongAdder} each in Payara), bumped on the delivery path without a
 * lock. Delivery latencies go into {@link LatencyBuckets} on the delivery path and reach the MP
 * histogram once a second from the scheduler, because an MP histogram's reservoir takes a lock
 * per value. Commit batch sizes go straight into their histogram: the store's one writer thread
 * records one per transaction.
 */
@ApplicationScoped
public class TrafficMetrics implements MessagingObserver {

    private static final Logger LOG = Logger.getLogger(TrafficMetrics.class.getName());

    static final String CONNECTIONS = "missive.connections";
    static final String MESSAGES_IN = "missive.messages.in";
    static final String MESSAGES_OUT = "missive.messages.out";
    static final String ACKNOWLEDGED = "missive.messages.acknowledged";
    static final String RESENT = "missive.messages.resent";
    static final String EXPIRED = "missive.messages.expired";
    static final String DELIVERY_LATENCY = "missive.delivery.latency";
    static final String COMMIT_BATCH_SIZE = "missive.store.commit.batch.size";
    static final String PROTOCOL_TAG = "protocol";

    /** The protocol labels every deployment can have, shown (as 0) before their first connection. */
    static final List<String> KNOWN_PROTOCOLS = List.of("binary-ws", "binary-wss", "binary-tcp", "binary-tls",
            "text-tcp", "text-tls", "mqtt-tcp", "mqtt-tls", "mqtt-ws", "mqtt-wss");

    @Inject
    private MetricRegistry registry;

    @Inject
    private MessagingCore core;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final Instant startedAt = Instant.now();
    private final LatencyBuckets latencies = new LatencyBuckets();
    private final MessageRates rates = new MessageRates();
    private final Set<String> protocolGauges = ConcurrentHashMap.newKeySet();
    private Counter in;
    private Counter out;
    private Counter acknowledged;
    private Counter resent;
    private Counter expired;
    private Histogram latency;
    private Histogram batchSizes;
    private ScheduledFuture<?> sampling;

    /** The totals since start. */
    public record Totals(long in, long out, long acknowledged, long resent, long expired) {
    }

    @PostConstruct
    void register() {
        in = counter(MESSAGES_IN, "Messages published to the messaging core and committed");
        out = counter(MESSAGES_OUT, "Messages pushed to a recipient's connection for the first time");
        acknowledged = counter(ACKNOWLEDGED, "Pushes acknowledged by their recipient");
        resent = counter(RESENT, "Pushes sent again because they were not acknowledged in time");
        expired = counter(EXPIRED, "Stored messages deleted because their time to live ran out");
        latency = registry.histogram(Metadata.builder().withName(DELIVERY_LATENCY)
                .withDescription("From a message's creation on the server to its first push to an online, caught-up"
                        + " recipient, to the precision of a 1-2-5 series of buckets")
                .withUnit(MetricUnits.MILLISECONDS).build());
        batchSizes = registry.histogram(Metadata.builder().withName(COMMIT_BATCH_SIZE)
                .withDescription("Messages written per commit of the store's group-commit writer")
                .withUnit(MetricUnits.NONE).build());
        KNOWN_PROTOCOLS.forEach(this::ensureConnectionGauge);
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
            latencies.drain(latency::update);
            rates.sample(System.currentTimeMillis(), in.getCount(), out.getCount());
            core.connections().countByProtocol().keySet().forEach(this::ensureConnectionGauge);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sampling the traffic metrics failed", e);
        }
    }

    private void ensureConnectionGauge(String protocol) {
        if (protocolGauges.add(protocol)) {
            registry.gauge(Metadata.builder().withName(CONNECTIONS)
                            .withDescription("Live connections of this node, by protocol and transport").build(),
                    () -> core.connections().countByProtocol().getOrDefault(protocol, 0),
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
        return new Totals(in.getCount(), out.getCount(), acknowledged.getCount(), resent.getCount(),
                expired.getCount());
    }

    /** Messages per second in and out over the last few seconds. */
    public MessageRates.Rates rates() {
        return rates.rates();
    }

    // --- MessagingObserver: on the delivery path ---

    @Override
    public void stored(Message message) {
        in.inc();
    }

    @Override
    public void pushed(Message message, long nowMillis, boolean live) {
        out.inc();
        if (live) {
            latencies.record(Math.max(0, nowMillis - message.createdAtMillis()));
        }
    }

    @Override
    public void resent() {
        resent.inc();
    }

    @Override
    public void acknowledged() {
        acknowledged.inc();
    }

    @Override
    public void expired(int count) {
        expired.inc(count);
    }

    @Override
    public void batchCommitted(int size) {
        batchSizes.update(size);
    }
}
