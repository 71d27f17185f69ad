package io.missive.core.pubsub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A session's subscriptions as SUBSCRIBE and UNSUBSCRIBE change them: in the session, in the engine's
 * tree and, for a persistent session, in the store. Called on the session's mailbox.
 */
final class SubscriptionChanges {

    private final PubSubStore store;
    private final PubSubSettings settings;
    private final SubscriptionTree tree;

    SubscriptionChanges(PubSubStore store, PubSubSettings settings, SubscriptionTree tree) {
        this.store = store;
        this.settings = settings;
        this.tree = tree;
    }

    /**
     * The filters of a SUBSCRIBE, in the order asked, that would take the session past its maximum of
     * subscriptions: a filter it holds is replaced, not added, so it always passes. Call on the
     * session's mailbox, before {@link #subscribe} with the others.
     */
    Set<String> pastLimit(PubSubSession session, Collection<String> filters) {
        Set<String> past = new LinkedHashSet<>();
        int held = session.subscriptions().size();
        for (String filter : filters) {
            if (!session.subscriptions().containsKey(filter)) {
                if (held < settings.maxSubscriptions()) {
                    held++;
                } else {
                    past.add(filter);
                }
            }
        }
        return past;
    }

    /**
     * Adds subscriptions (filters already checked, with the QoS granted); {@code done} gets whether
     * they are durable (at once for a clean session). Subscriptions the store could not keep are
     * taken back, so that nothing is delivered for a subscription the client was refused. Retained
     * messages follow with {@link #sendRetained}, after the client has its answer.
     */
    void subscribe(PubSubSession session, Map<String, Integer> filters, Consumer<Boolean> done) {
        Map<String, Integer> previous = new HashMap<>();
        filters.forEach((filter, qos) -> {
            Integer before = session.subscriptions().put(filter, qos);
            if (before != null) {
                previous.put(filter, before);
            }
            tree.add(filter, session, qos);
        });
        if (!session.persistent()) {
            done.accept(true);
            return;
        }
        store.subscribe(session.clientId(), filters, committed -> {
            if (!committed) {
                filters.keySet().forEach(filter -> {
                    Integer before = previous.get(filter);
                    if (before == null) {
                        session.subscriptions().remove(filter, filters.get(filter));
                        tree.remove(filter, session);
                    } else {
                        session.subscriptions().put(filter, before);
                        tree.add(filter, session, before);
                    }
                });
            }
            done.accept(committed);
        });
    }

    /**
     * Removes subscriptions; {@code done} gets whether that is durable (at once for a clean
     * session). Nothing is delivered for them from now on either way.
     */
    void unsubscribe(PubSubSession session, List<String> filters, Consumer<Boolean> done) {
        List<String> removed = new ArrayList<>();
        for (String filter : filters) {
            if (session.subscriptions().remove(filter) != null) {
                tree.remove(filter, session);
                removed.add(filter);
            }
        }
        if (session.persistent() && !removed.isEmpty()) {
            store.unsubscribe(session.clientId(), removed, done);
        } else {
            done.accept(true);
        }
    }
}
