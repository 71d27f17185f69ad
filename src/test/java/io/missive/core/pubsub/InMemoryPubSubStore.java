package io.missive.core.pubsub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A publish/subscribe store in memory for unit tests: what a restarted server would read back
 * (sessions, receipts, deliveries, retained messages). Writes with a callback wait for
 * {@link #commit()} (the test plays the group commit) unless {@link #autoCommit} is on;
 * {@link #failWrites} makes commits fail, {@link #throwOnAppend} and {@link #throwOnOpen} make those calls throw.
 */
public final class InMemoryPubSubStore implements PubSubStore {

    public boolean autoCommit = true;
    public boolean failWrites;
    public boolean throwOnAppend;
    /** Opening a persistent session throws, as with the database down. */
    public boolean throwOnOpen;

    private final Map<String, String> sessions = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> subscriptions = new HashMap<>();
    private final Map<String, Set<Integer>> receipts = new HashMap<>();
    /** Per client: stored id to its delivery, oldest first. */
    private final Map<String, TreeMap<Long, StoredDelivery>> deliveries = new HashMap<>();
    private final Map<String, PubSubMessage> retained = new LinkedHashMap<>();
    private final List<Runnable> uncommitted = new ArrayList<>();
    private long lastId;
    private int largestPendingRead;

    /** Commits every waiting write, or fails them with {@link #failWrites}. */
    public synchronized void commit() {
        List<Runnable> batch = new ArrayList<>(uncommitted);
        uncommitted.clear();
        batch.forEach(Runnable::run);
    }

    /** Writes waiting for their commit. */
    public synchronized int uncommitted() {
        return uncommitted.size();
    }

    private void write(Runnable write) {
        uncommitted.add(write);
        if (autoCommit) {
            commit();
        }
    }

    @Override
    public synchronized List<StoredSession> loadSessions() {
        List<StoredSession> out = new ArrayList<>();
        sessions.forEach((id, user) -> out.add(new StoredSession(id, user,
                Map.copyOf(subscriptions.getOrDefault(id, Map.of())), Set.copyOf(receipts.getOrDefault(id, Set.of())))));
        return out;
    }

    @Override
    public synchronized List<PubSubMessage> loadRetained() {
        return List.copyOf(retained.values());
    }

    @Override
    public synchronized List<StoredDelivery> pending(String clientId, int limit) {
        List<StoredDelivery> page = deliveries.getOrDefault(clientId, new TreeMap<>()).values().stream().limit(limit)
                .toList();
        largestPendingRead = Math.max(largestPendingRead, page.size());
        return page;
    }

    /** The most deliveries one {@link #pending} call answered. */
    public synchronized int largestPendingRead() {
        return largestPendingRead;
    }

    @Override
    public synchronized void openSession(String clientId, String username, Consumer<Boolean> committed) {
        if (throwOnOpen) {
            throw new IllegalStateException("store broken");
        }
        write(() -> {
            if (!failWrites) {
                sessions.putIfAbsent(clientId, username);
            }
            committed.accept(!failWrites);
        });
    }

    @Override
    public synchronized void dropSession(String clientId, Consumer<Boolean> committed) {
        write(() -> {
            if (!failWrites) {
                sessions.remove(clientId);
                subscriptions.remove(clientId);
                receipts.remove(clientId);
                deliveries.remove(clientId);
            }
            committed.accept(!failWrites);
        });
    }

    @Override
    public synchronized void subscribe(String clientId, Map<String, Integer> filters, Consumer<Boolean> committed) {
        write(() -> {
            if (!failWrites) {
                subscriptions.computeIfAbsent(clientId, k -> new HashMap<>()).putAll(filters);
            }
            committed.accept(!failWrites);
        });
    }

    @Override
    public synchronized void unsubscribe(String clientId, List<String> filters, Consumer<Boolean> committed) {
        write(() -> {
            if (!failWrites) {
                filters.forEach(subscriptions.getOrDefault(clientId, new HashMap<>())::remove);
            }
            committed.accept(!failWrites);
        });
    }

    @Override
    public synchronized void append(PubSubMessage message, List<Recipient> recipients, Qos2Receipt receipt,
                                    Consumer<PubSubMessage> committed) {
        if (throwOnAppend) {
            throw new IllegalStateException("store broken");
        }
        write(() -> {
            if (failWrites) {
                committed.accept(null);
                return;
            }
            PubSubMessage stored = message.withStoredId(++lastId);
            for (Recipient r : recipients) {
                deliveries.computeIfAbsent(r.clientId(), k -> new TreeMap<>())
                        .put(stored.storedId(), new StoredDelivery(stored, r.qos(), 0, false));
            }
            if (receipt != null) {
                receipts.computeIfAbsent(receipt.clientId(), k -> new HashSet<>()).add(receipt.packetId());
            }
            if (stored.retain()) {
                if (stored.payload().length == 0) {
                    retained.remove(stored.topic());
                } else {
                    retained.put(stored.topic(), stored);
                }
            }
            committed.accept(stored);
        });
    }

    @Override
    public synchronized void release(Qos2Receipt receipt, Consumer<Boolean> committed) {
        write(() -> {
            if (failWrites) {
                committed.accept(false);
                return;
            }
            receipts.getOrDefault(receipt.clientId(), new HashSet<>()).remove(receipt.packetId());
            committed.accept(true);
        });
    }

    /** The QoS 2 receipts a client's session holds, as stored. */
    public synchronized Set<Integer> receipts(String clientId) {
        return Set.copyOf(receipts.getOrDefault(clientId, Set.of()));
    }

    @Override
    public synchronized void sent(String clientId, long storedId, int packetId) {
        update(clientId, storedId, d -> new StoredDelivery(d.message(), d.qos(), packetId, d.released()));
    }

    @Override
    public synchronized void released(String clientId, long storedId) {
        update(clientId, storedId, d -> new StoredDelivery(d.message(), d.qos(), d.packetId(), true));
    }

    @Override
    public synchronized void delivered(String clientId, long storedId) {
        TreeMap<Long, StoredDelivery> mine = deliveries.get(clientId);
        if (mine != null) {
            mine.remove(storedId);
        }
    }

    private void update(String clientId, long storedId, java.util.function.UnaryOperator<StoredDelivery> change) {
        TreeMap<Long, StoredDelivery> mine = deliveries.get(clientId);
        if (mine != null) {
            mine.computeIfPresent(storedId, (id, d) -> change.apply(d));
        }
    }
}
