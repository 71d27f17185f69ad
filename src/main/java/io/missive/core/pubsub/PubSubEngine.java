package io.missive.core.pubsub;

import io.missive.core.session.EventLoop;
import io.missive.core.session.SerialExecutor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The publish/subscribe engine of this node: sessions by client id, the subscription tree and
 * the retained messages. A QoS 1 or 2 publish (and any retained one) is committed to the store,
 * with a delivery for every persistent session it must reach, before it is routed and before the
 * publisher hears {@link PublishOutcome#accepted()}; a QoS 0 publish is routed at once. The
 * settings bound what a client can make it hold: subscriptions per session, persistent sessions,
 * retained messages.
 */
public final class PubSubEngine {

    private static final Logger LOG = Logger.getLogger(PubSubEngine.class.getName());

    private final PubSubStore store;
    private final PubSubSettings settings;
    /** A session's mailbox, on the event loop of the connection that opens it (null: none). */
    private final Function<EventLoop, SerialExecutor> newMailbox;
    private final ConcurrentHashMap<String, PubSubSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger persistentSessions = new AtomicInteger();
    private final RetainedMessages retained;
    private final SubscriptionTree tree = new SubscriptionTree();
    private final PubSubCluster cluster;
    private final SubscriptionChanges subscriptionChanges;

    public PubSubEngine(PubSubStore store, PubSubSettings settings, Function<EventLoop, SerialExecutor> newMailbox) {
        this(store, settings, newMailbox, PubSubCluster.NONE);
    }

    /** An engine on a node of a cluster, which hears of the other nodes' publishes and sessions. */
    public PubSubEngine(PubSubStore store, PubSubSettings settings, Function<EventLoop, SerialExecutor> newMailbox,
                        PubSubCluster cluster) {
        this.store = store;
        this.settings = settings;
        this.newMailbox = newMailbox;
        this.cluster = cluster;
        this.retained = new RetainedMessages(settings.maxRetained(), settings.maxRetainedBytes());
        this.subscriptionChanges = new SubscriptionChanges(store, settings, tree);
        cluster.bind(this);
    }

    /**
     * Reads the persistent sessions and retained messages a previous run left, all of them even past
     * lowered limits (they were promised to their clients). Blocks; call once at start-up.
     */
    public void load() {
        for (PubSubStore.StoredSession stored : store.loadSessions()) {
            sessions.put(stored.clientId(), restored(stored));
        }
        for (PubSubMessage message : store.loadRetained()) {
            retained.put(message);
        }
        LOG.info(() -> "MSV1013 Loaded " + sessions.size() + " persistent MQTT sessions (limit "
                + settings.maxPersistentSessions() + ") and " + retained.size() + " retained messages of "
                + retained.bytes() + " bytes (limits " + settings.maxRetained() + ", " + settings.maxRetainedBytes() + ")");
    }

    /** A persistent session as the store has it, with its subscriptions in the tree; not connected. */
    private PubSubSession restored(PubSubStore.StoredSession stored) {
        PubSubSession session = new PubSubSession(stored.clientId(), stored.username(), true, newMailbox.apply(null),
                store, settings, true);
        persistentSessions.incrementAndGet();
        stored.receivedQos2().forEach(session::rememberQos2);
        stored.subscriptions().forEach((filter, qos) -> {
            session.subscriptions().put(filter, qos);
            tree.add(filter, session, qos);
        });
        return session;
    }

    /** The outcome of {@link #open}. */
    public sealed interface Opening {
        /**
         * @param sessionPresent a persistent session of the client id was resumed
         * @param stored         completes with whether a new session's writes are committed (the deletion of
         *                       the persistent session it replaces, its own creation if persistent; at once
         *                       true without any): CONNACK waits for it, and on false the adapter
         *                       {@link #abandon}s it
         */
        record Opened(PubSubSession session, boolean sessionPresent, CompletableFuture<Boolean> stored)
                implements Opening {
        }

        /** The client id belongs to another user's session. */
        record OwnedByAnother() implements Opening {
        }

        /** A new persistent session, refused: this node holds its maximum of them (resuming one always passes). */
        record Full(int maxPersistentSessions) implements Opening {
        }
    }

    /**
     * Opens the session of a client id: a clean one replaces whatever was there; a persistent one
     * resumes the existing persistent session of the same user, or starts one. The previous
     * connection of the client id is the adapter's to close.
     *
     * @param username null for an anonymous client
     * @param loop     the connecting transport's event loop, where a new session's non-blocking work runs
     *                 (null: none); a resumed session keeps the loop it had
     */
    public Opening open(String clientId, String username, boolean clean, EventLoop loop) {
        Opening[] result = new Opening[1];
        sessions.compute(clientId, (id, old) -> {
            if (old != null && !Objects.equals(old.username(), username)) {
                result[0] = new Opening.OwnedByAnother();
                return old;
            }
            if (!clean && old != null && old.persistent()) {
                result[0] = new Opening.Opened(old, true, CompletableFuture.completedFuture(true));
                return old;
            }
            if (!clean && !takePersistentPlace()) {
                result[0] = new Opening.Full(settings.maxPersistentSessions());
                return old;
            }
            // CONNACK promises the old session is gone and a persistent new one kept: both writes, in order
            CompletableFuture<Boolean> dropped = new CompletableFuture<>();
            if (old != null) {
                forget(old, dropped::complete);
            } else {
                dropped.complete(true);
            }
            PubSubSession fresh = new PubSubSession(clientId, username, !clean, newMailbox.apply(loop), store, settings,
                    false);
            CompletableFuture<Boolean> opened = new CompletableFuture<>();
            if (clean) {
                opened.complete(true);
            } else {
                store.openSession(clientId, username, opened::complete);
            }
            result[0] = new Opening.Opened(fresh, false, dropped.thenCombine(opened, Boolean::logicalAnd));
            return fresh;
        });
        if (result[0] instanceof Opening.Opened) {
            cluster.connected(clientId);
        }
        return result[0];
    }

    /** One more persistent session, unless there are as many as the settings allow. */
    private boolean takePersistentPlace() {
        int held;
        do {
            held = persistentSessions.get();
            if (held >= settings.maxPersistentSessions()) {
                return false;
            }
        } while (!persistentSessions.compareAndSet(held, held + 1));
        return true;
    }

    /** A session whose opening the store could not keep, refused to its client: it goes, memory and store. */
    public void abandon(PubSubSession session) {
        if (sessions.remove(session.clientId(), session)) {
            forget(session, dropped -> { });
        }
    }

    /** A connection of a clean session ended: its state goes. A persistent session stays for the next. */
    public void closed(PubSubSession session) {
        if (!session.persistent() && sessions.remove(session.clientId(), session)) {
            forget(session, dropped -> { });
        }
    }

    /** Drops a session from memory and, if persistent, from the store; {@code dropped} gets whether that committed. */
    private void forget(PubSubSession session, Consumer<Boolean> dropped) {
        session.subscriptions().keySet().forEach(filter -> tree.remove(filter, session));
        session.discard();
        if (session.persistent()) {
            persistentSessions.decrementAndGet();
            store.dropSession(session.clientId(), dropped);
        } else {
            dropped.accept(true);
        }
    }

    /**
     * The filters of a SUBSCRIBE, in the order asked, that would take the session past its maximum of
     * subscriptions (see {@link SubscriptionChanges#pastLimit}). Call on the session's mailbox, before
     * {@link #subscribe} with the others.
     */
    public Set<String> pastSubscriptionLimit(PubSubSession session, Collection<String> filters) {
        return subscriptionChanges.pastLimit(session, filters);
    }

    /**
     * Adds subscriptions (filters already checked, with the QoS granted); {@code done} gets whether
     * they are durable (see {@link SubscriptionChanges#subscribe}). Retained messages follow with
     * {@link #sendRetained}, after the client has its answer.
     */
    public void subscribe(PubSubSession session, Map<String, Integer> filters, Consumer<Boolean> done) {
        subscriptionChanges.subscribe(session, filters, done);
    }

    /** Removes subscriptions; {@code done} gets whether that is durable (see {@link SubscriptionChanges#unsubscribe}). */
    public void unsubscribe(PubSubSession session, List<String> filters, Consumer<Boolean> done) {
        subscriptionChanges.unsubscribe(session, filters, done);
    }

    /** Sends the retained messages matching a new subscription, with the retain flag set. */
    public void sendRetained(PubSubSession session, String filter, int grantedQos) {
        for (PubSubMessage message : retained.matching(filter)) {
            session.deliver(message.withStoredId(0), Math.min(message.qos(), grantedQos), true);
        }
    }

    /** Publishes; the outcome is told on {@code replyOn}. */
    public void publish(PubSubMessage message, Executor replyOn, PublishOutcome outcome) {
        publish(message, null, replyOn, outcome);
    }

    /**
     * Publishes a client's QoS 2 message, storing the {@code receipt} (null: none) with it when it
     * is stored; the outcome is told on {@code replyOn}.
     */
    public void publish(PubSubMessage published, PubSubStore.Qos2Receipt receipt, Executor replyOn,
                        PublishOutcome outcome) {
        // past the retained bounds a retained publish goes on as a plain one (MSV1017), as EMQX's retainer does
        boolean retain = published.retain() && retained.reserve(published.topic(), published.payload().length);
        PubSubMessage message = retain || !published.retain() ? published
                : new PubSubMessage(published.storedId(), published.topic(), published.payload(), published.qos(), false);
        if (message.qos() == 0 && !retain) {
            route(tree.match(message.topic()), message);
            cluster.publishedQos0(message);
            acceptedOn(replyOn, outcome).execute(outcome::accepted);
            return;
        }
        Map<PubSubSession, Integer> matched = tree.match(message.topic());
        List<PubSubStore.Recipient> recipients = new ArrayList<>();
        matched.forEach((session, granted) -> {
            int qos = Math.min(granted, message.qos());
            if (session.persistent() && qos > 0) {
                recipients.add(new PubSubStore.Recipient(session.clientId(), qos));
            }
        });
        try {
            store.append(message, recipients, receipt, stored -> {
                if (stored == null) {
                    if (retain) {
                        retained.cancelled(message.topic(), message.payload().length);
                    }
                    replyOn.execute(() -> outcome.failed("the message could not be stored"));
                    return;
                }
                if (retain) {
                    retained.committed(stored);
                }
                route(matched, stored);
                acceptedOn(replyOn, outcome).execute(outcome::accepted);
            });
        } catch (RuntimeException e) {
            if (retain) {
                retained.cancelled(message.topic(), message.payload().length);
            }
            throw e;
        }
    }

    /** Where a publish's acceptance runs: on the publisher's mailbox, on its event loop if it cannot block. */
    private static Executor acceptedOn(Executor replyOn, PublishOutcome outcome) {
        return outcome.acceptedMayBlock() ? replyOn : SerialExecutor.forNonBlocking(replyOn);
    }

    private static void route(Map<PubSubSession, Integer> matched, PubSubMessage message) {
        matched.forEach((session, granted) -> session.deliver(message, Math.min(granted, message.qos()), false));
    }

    // --- what other nodes of a cluster did ---

    /**
     * Messages another node stored (in its commit order): retained ones replace the topic's retained
     * message here too, and each reaches the matching sessions connected here. Persistent sessions not
     * connected here read theirs from the store when they connect, wherever that is.
     */
    public void committedElsewhere(List<PubSubMessage> messages) {
        for (PubSubMessage message : messages) {
            if (message.retain()) {
                retained.put(message);
            }
            routeToConnected(message);
        }
    }

    /** A QoS 0 publish of another node: to the matching sessions connected here. */
    public void publishedElsewhere(PubSubMessage message) {
        routeToConnected(message);
    }

    private void routeToConnected(PubSubMessage message) {
        tree.match(message.topic()).forEach((session, granted) -> {
            if (session.attached()) {
                session.deliver(message, Math.min(granted, message.qos()), false);
            }
        });
    }

    /**
     * Another node changed a persistent session (opened, dropped, subscribed, unsubscribed): this node's
     * copy follows the store, so that the messages published here are stored for it too. A copy connected
     * here is left alone: the client id connecting elsewhere ends it first ({@link #connectedElsewhere}).
     */
    public void sessionChangedElsewhere(String clientId, Optional<PubSubStore.StoredSession> stored) {
        sessions.compute(clientId, (id, old) -> {
            if (old != null && old.attached()) {
                return old;
            }
            if (old != null) {
                old.subscriptions().keySet().forEach(filter -> tree.remove(filter, old));
                old.discard();
                if (old.persistent()) {
                    persistentSessions.decrementAndGet();
                }
            }
            return stored.map(this::restored).orElse(null);
        });
    }

    /** The client id connected on another node: its connection here, if any, ends (MQTT 3.1.1, 3.1.4-2). */
    public void connectedElsewhere(String clientId) {
        PubSubSession session = sessions.get(clientId);
        if (session != null) {
            session.takenOverElsewhere();
        }
    }

    /** The number of sessions known (connected or persistent), for status and tests. */
    public int sessionCount() {
        return sessions.size();
    }

    /** The number of persistent sessions known, connected or not. */
    public int persistentSessionCount() {
        return persistentSessions.get();
    }

    /** The number of topics with a retained message. */
    public int retainedCount() {
        return retained.size();
    }
}
