package io.missive.monitoring;

import jakarta.enterprise.inject.spi.AnnotatedField;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Missive's figures as MicroProfile Metrics, for the servers that have it (Payara; WildFly 39 has
 * not). The only class that names MicroProfile Metrics: it is no CDI bean and is loaded only once
 * {@link TrafficMetrics} saw the API on the class path, so the WAR deploys where it is missing.
 * Counters are moved forward by what Missive's own counters gained since the last sample;
 * latencies recorded since are replayed into the MP histogram, whose reservoir takes a lock per
 * value, off the delivery path; batch sizes, once per commit, go straight into theirs.
 */
final class MicroProfileMetrics implements MetricsExport {

    static final String CONNECTIONS = "missive.connections";
    static final String MESSAGES_IN = "missive.messages.in";
    static final String MESSAGES_OUT = "missive.messages.out";
    static final String ACKNOWLEDGED = "missive.messages.acknowledged";
    static final String RESENT = "missive.messages.resent";
    static final String EXPIRED = "missive.messages.expired";
    static final String QUEUE_OVERFLOWS = "missive.delivery.queue.overflows";
    static final String LOGINS_THROTTLED = "missive.logins.throttled";
    static final String LOGINS_BUSY = "missive.logins.busy";
    static final String REFUSED_AWAITING_LOGIN = "missive.connections.refused.awaiting.login";
    /**
     * In milliseconds by name, not by MP unit: given the unit, Payara 6 converts the quantiles and the
     * maximum to seconds but not the sum.
     */
    static final String DELIVERY_LATENCY = "missive.delivery.latency.milliseconds";
    static final String COMMIT_BATCH_SIZE = "missive.store.commit.batch.size";
    static final String PENDING_BACKLOG = "missive.pending.backlog";
    static final String PROTOCOL_TAG = "protocol";

    private final MetricRegistry registry;
    private final TrafficCounters counters;
    private final ToLongFunction<String> connections;
    private final Set<String> protocolGauges = ConcurrentHashMap.newKeySet();
    private final Histogram latency;
    private final Forwarded[] forwarded;

    /** Registers the metrics, if the server's CDI offers the application's registry. */
    static Optional<MetricsExport> bind(TrafficCounters counters, LongSupplier backlog,
                                        ToLongFunction<String> connections) {
        BeanManager beans = CDI.current().getBeanManager();
        AnnotatedField<? super RegistryInjection> field = beans.createAnnotatedType(RegistryInjection.class)
                .getFields().iterator().next();
        InjectionPoint point = beans.createInjectionPoint(field);
        if (beans.resolve(beans.getBeans(point.getType())) == null) {
            return Optional.empty();
        }
        MetricRegistry registry = (MetricRegistry) beans.getInjectableReference(point,
                beans.createCreationalContext(null));
        return Optional.of(new MicroProfileMetrics(registry, counters, backlog, connections));
    }

    /**
     * The injection point the registry is asked for through: Payara's producer reads the scope from the
     * point's annotations, so a lookup without one ({@code CDI.current().select}) fails there.
     */
    static final class RegistryInjection {
        @Inject
        MetricRegistry registry;
    }

    private MicroProfileMetrics(MetricRegistry registry, TrafficCounters counters, LongSupplier backlog,
                                ToLongFunction<String> connections) {
        this.registry = registry;
        this.counters = counters;
        this.connections = connections;
        latency = registry.histogram(Metadata.builder().withName(DELIVERY_LATENCY)
                .withDescription("From a message's creation on the server to its first push to an online, caught-up"
                        + " recipient, to the precision of a 1-2-5 series of buckets")
                .withUnit(MetricUnits.NONE).build());
        Histogram batchSizes = registry.histogram(Metadata.builder().withName(COMMIT_BATCH_SIZE)
                .withDescription("Messages written per commit of the store's group-commit writer")
                .withUnit(MetricUnits.NONE).build());
        counters.forwardBatchSizes(batchSizes::update);
        forwarded = new Forwarded[]{
                forward(MESSAGES_IN, "Messages published to the messaging core and committed", counters.in),
                forward(MESSAGES_OUT, "Messages pushed to a recipient's connection for the first time", counters.out),
                forward(ACKNOWLEDGED, "Pushes acknowledged by their recipient", counters.acknowledged),
                forward(RESENT, "Pushes sent again because they were not acknowledged in time", counters.resent),
                forward(EXPIRED, "Stored messages deleted because their time to live ran out", counters.expired),
                forward(QUEUE_OVERFLOWS, TrafficCounters.QUEUE_OVERFLOWS_HELP, counters.queueOverflows),
                forward(LOGINS_THROTTLED, TrafficCounters.THROTTLED_HELP, counters.loginsThrottled),
                forward(LOGINS_BUSY, TrafficCounters.BUSY_HELP, counters.loginsBusy),
                forward(REFUSED_AWAITING_LOGIN, TrafficCounters.AWAITING_LOGIN_HELP, counters.refusedAwaitingLogin)};
        registry.gauge(Metadata.builder().withName(PENDING_BACKLOG)
                .withDescription("Messages stored and not yet delivered to a recipient, counted every"
                        + " missive.metrics.backlog-interval").build(), backlog::getAsLong);
    }

    @Override
    public void sample(Set<String> protocols) {
        counters.latencies.drain(latency::update);
        for (Forwarded f : forwarded) {
            f.catchUp();
        }
        protocols.forEach(this::ensureConnectionGauge);
    }

    private void ensureConnectionGauge(String protocol) {
        if (protocolGauges.add(protocol)) {
            registry.gauge(Metadata.builder().withName(CONNECTIONS)
                            .withDescription("Live connections of this node, by protocol and transport").build(),
                    () -> connections.applyAsLong(protocol), new Tag(PROTOCOL_TAG, protocol));
        }
    }

    private Forwarded forward(String name, String description, LongAdder source) {
        return new Forwarded(registry.counter(Metadata.builder().withName(name).withDescription(description).build()),
                source);
    }

    /** An MP counter that follows one of Missive's counters; sampled from one thread at a time. */
    private static final class Forwarded {
        private final Counter counter;
        private final LongAdder source;
        private long copied;

        Forwarded(Counter counter, LongAdder source) {
            this.counter = counter;
            this.source = source;
        }

        void catchUp() {
            long total = source.sum();
            if (total > copied) {
                counter.inc(total - copied);
                copied = total;
            }
        }
    }
}
