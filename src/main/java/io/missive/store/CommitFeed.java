package io.missive.store;

import io.missive.config.ClusterSettings;
import io.missive.core.pubsub.PubSubEngine;
import io.missive.core.routing.OrderedRelay;
import io.missive.repository.CommitFeedProbe;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster's commit feed on this node: one connection LISTENs to every node's commit notices
 * and hands them, in commit order, to one delivery thread, which gives them to the relay (messages)
 * and to the caches (member sets). A lost connection is visible: the relay stops expecting notices, and once the
 * feed listens again every session reads the store, so that nothing committed meanwhile is missed
 * (re-reading before listening again would recreate the gap).
 */
@ApplicationScoped
public class CommitFeed implements CommitFeedProbe {

    private static final Logger LOG = Logger.getLogger(CommitFeed.class.getName());
    private static final int POLL_MILLIS = 500;
    /** A half-open TCP connection shows only when something is sent on it. */
    private static final long PROBE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    @Resource(lookup = DataSourceName.JNDI)
    private DataSource dataSource;

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    private ClusterSettings cluster;

    @Inject
    private JpaGroupDirectory groups;

    @Inject
    private JpaChannelDirectory channels;

    @Inject
    private JdbcMessageStore messages;

    @Inject
    private MqttCommittedReader mqtt;

    @Inject
    private PubSubEngine engine;

    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;
    private Thread delivery;
    /**
     * What the listening thread received, for the delivery thread, in order. The listening connection
     * does nothing but listen: reads for the deliveries (member sets, messages) go through the pool on
     * the other thread, and a slow delivery never delays the connection's liveness probe.
     */
    private final BlockingQueue<Runnable> received = new LinkedBlockingQueue<>();

    /**
     * Makes this bean, and resolves its resources, while the application starts: WildFly runs health
     * checks (the readiness check asks this bean) on a management thread without the application's
     * naming context.
     */
    void resolveAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // nothing to do: being called is what creates the bean
    }

    /** Starts listening for {@code relay}; once. */
    public void start(OrderedRelay relay) {
        running = true;
        delivery = threads.newThread(this::deliverLoop);
        delivery.setName("missive-commit-delivery");
        delivery.start();
        thread = threads.newThread(() -> listenLoop(relay));
        thread.setName("missive-commit-feed");
        thread.start();
    }

    private void deliverLoop() {
        while (running) {
            try {
                received.take().run();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether the feed listens now: a node that does not cannot deliver what other nodes commit. */
    @Override
    public boolean listening() {
        return !cluster.enabled() || listening;
    }

    @PreDestroy
    void stop() {
        running = false;
        for (Thread t : new Thread[]{thread, delivery}) {
            if (t != null) {
                t.interrupt();
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void listenLoop(OrderedRelay relay) {
        long backoff = 500;
        boolean lost = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                PGConnection notices = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    relay.listening();
                    statement.execute("LISTEN " + CommitNoticeCodec.CHANNEL);
                    listening = true;
                    relay.readStoreAgain();
                    if (lost) {
                        LOG.info("MSV6004 The commit feed listens again; every session here has read the store again");
                    }
                    lost = false;
                    backoff = 500;
                    poll(statement, notices, relay);
                    statement.execute("UNLISTEN *");
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                relay.feedLost();
                if (!running) {
                    return;
                }
                if (!lost) {
                    LOG.log(Level.WARNING, "MSV6003 The commit feed lost its connection; this node delivers other"
                            + " nodes' messages again once it listens again", e);
                }
                lost = true;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
        listening = false;
    }

    private void poll(Statement statement, PGConnection notices, OrderedRelay relay) throws SQLException {
        long nextProbe = System.nanoTime() + PROBE_NANOS;
        while (running) {
            PGNotification[] notifications = notices.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    String payload = n.getParameter();
                    received.add(() -> handle(payload, relay));
                }
            }
            if (System.nanoTime() - nextProbe > 0) {
                statement.execute("SELECT 1");
                nextProbe = System.nanoTime() + PROBE_NANOS;
            }
        }
    }

    private void handle(String payload, OrderedRelay relay) {
        try {
            dispatch(payload, relay);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV6005 A commit notice could not be handled; every session here reads the store"
                    + " again: " + payload, e);
            relay.readStoreAgain();
        }
    }

    /**
     * Another node's MQTT commit: its messages to this node's connected subscribers (and its retained
     * messages here too), its persistent sessions' changes into this node's engine. A failed read is
     * logged; a message missed so reaches persistent sessions from the store at their next connection.
     */
    private void mqttElsewhere(CommitNoticeCodec.FeedEvent event) {
        try {
            if (event instanceof CommitNoticeCodec.MqttMessages m) {
                engine.committedElsewhere(mqtt.messages(m.ids(), m.retained()));
            } else if (event instanceof CommitNoticeCodec.MqttSession s) {
                engine.sessionChangedElsewhere(s.clientId(), mqtt.session(s.clientId()));
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "MSV6012 Could not read what another node stored for MQTT: " + event, e);
        }
    }

    private void dispatch(String payload, OrderedRelay relay) {
        CommitNoticeCodec.decode(payload).ifPresentOrElse(event -> {
            if (event instanceof CommitNoticeCodec.Messages m) {
                relay.onNotice(m.notice());
            } else if (!event.originNode().equals(cluster.nodeId())) {
                // this node's own changes were evicted as they committed
                if (event instanceof CommitNoticeCodec.GroupChange g) {
                    GroupChanged change = new GroupChanged(g.groupId(), g.deleted());
                    groups.evict(change);
                    messages.forgetDeletedGroup(change);
                } else if (event instanceof CommitNoticeCodec.ChannelChange c) {
                    channels.evict(new ChannelChanged(c.channelId()));
                } else {
                    mqttElsewhere(event);
                }
            }
        }, () -> LOG.fine(() -> "Ignored a commit notice this version does not know: " + payload));
    }
}
