package io.missive.core.connection;

import io.missive.core.session.CloseReason;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every live connection of this node, by id, with a count per protocol label kept as connections
 * open and close (metrics read it at every scrape). Touched when a connection opens or closes,
 * never when a message is delivered.
 */
public final class ConnectionRegistry {

    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, LiveConnection> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> byProtocol = new ConcurrentHashMap<>();
    private final InstantSource clock;

    public ConnectionRegistry(InstantSource clock) {
        this.clock = clock;
    }

    /**
     * Registers a connection once it is identified.
     *
     * @param uid    the user's or device's uid, 0 for none
     * @param closer ends the connection with its protocol's disconnect for the given reason; any thread
     */
    public LiveConnection open(Peer peer, long uid, String name, Consumer<CloseReason> closer) {
        LiveConnection connection = create(peer, uid, name, closer);
        register(connection);
        return connection;
    }

    /** A connection not registered yet: a session's, registered once its login is accepted ({@link #register}). */
    public LiveConnection create(Peer peer, long uid, String name, Consumer<CloseReason> closer) {
        return new LiveConnection(ids.incrementAndGet(), peer, uid, name, clock.millis(), closer);
    }

    public void register(LiveConnection connection) {
        if (byId.putIfAbsent(connection.id(), connection) == null) {
            byProtocol.computeIfAbsent(connection.peer().label(), label -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Forgets a connection that has closed; harmless when forgotten already. */
    public void closed(LiveConnection connection) {
        if (connection != null && byId.remove(connection.id(), connection)) {
            byProtocol.get(connection.peer().label()).decrementAndGet();
        }
    }

    public Optional<LiveConnection> find(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int count() {
        return byId.size();
    }

    /** The connections, oldest first. */
    public List<LiveConnection> all() {
        List<LiveConnection> all = new ArrayList<>(byId.values());
        all.sort((a, b) -> Long.compare(a.id(), b.id()));
        return all;
    }

    /**
     * The connections, oldest first, whose name, uid or remote address contains {@code text}
     * (ignoring case; empty matches all) and whose {@link Peer#label()} is {@code protocol} (empty: any).
     */
    public List<LiveConnection> search(String text, String protocol) {
        String needle = text.toLowerCase(Locale.ROOT);
        return all().stream()
                .filter(c -> protocol.isEmpty() || c.peer().label().equals(protocol))
                .filter(c -> needle.isEmpty() || c.name().toLowerCase(Locale.ROOT).contains(needle)
                        || (c.uid() != 0 && Long.toString(c.uid()).contains(needle))
                        || c.peer().address().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
    }

    /** Live connections per {@link Peer#label()}, in name order; labels without one are left out. */
    public Map<String, Integer> countByProtocol() {
        Map<String, Integer> counts = new TreeMap<>();
        byProtocol.forEach((label, n) -> {
            if (n.get() > 0) {
                counts.put(label, n.get());
            }
        });
        return counts;
    }

    /** Live connections of one {@link Peer#label()}. */
    public int countOf(String protocol) {
        AtomicInteger n = byProtocol.get(protocol);
        return n == null ? 0 : n.get();
    }

    /** Live connections per client type; every type is present. */
    public Map<ClientType, Integer> countByClientType() {
        Map<ClientType, Integer> counts = new EnumMap<>(ClientType.class);
        for (ClientType type : ClientType.values()) {
            counts.put(type, 0);
        }
        byId.values().forEach(c -> counts.merge(c.clientType(), 1, Integer::sum));
        return counts;
    }
}
