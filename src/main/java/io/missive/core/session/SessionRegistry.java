package io.missive.core.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The live sessions of this node, per user. Registration applies the duplicate-login policy
 * atomically per user; lookups on the delivery path take no lock.
 */
public final class SessionRegistry {

    private static final ClientSession[] NONE = new ClientSession[0];

    private final ConcurrentHashMap<Long, ClientSession[]> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final DuplicateLoginPolicy policy;

    public SessionRegistry(DuplicateLoginPolicy policy) {
        this.policy = policy;
    }

    public DuplicateLoginPolicy policy() {
        return policy;
    }

    /** The outcome of a registration. */
    public sealed interface Registration {
        /** Registered; {@code replaced} are the user's earlier sessions, now to be disconnected. */
        record Registered(List<ClientSession> replaced) implements Registration {
        }

        /** Refused: the user is already connected and the policy refuses a second login. */
        record Duplicate() implements Registration {
        }
    }

    /** Registers under the configured policy. */
    public Registration register(ClientSession session) {
        return register(session, policy);
    }

    /**
     * Registers under {@code policy}, for protocols with their own duplicate-login rule. The policy
     * weighs only the user's sessions of the same protocol: it is each protocol's rule for its own
     * clients (the binary protocol's code 1, a push device replacing its stale socket), and a user
     * may be on the binary protocol in a browser and on MQTT on a phone at once.
     */
    public Registration register(ClientSession session, DuplicateLoginPolicy policy) {
        List<ClientSession> replaced = new ArrayList<>(0);
        boolean[] refused = {false};
        int[] droppedClosed = {0};
        byUser.compute(session.uid(), (uid, current) -> {
            ClientSession[] live = current == null ? NONE
                    : Arrays.stream(current).filter(s -> !s.isClosed()).toArray(ClientSession[]::new);
            droppedClosed[0] = current == null ? 0 : current.length - live.length;
            boolean sameProtocolLive = Arrays.stream(live).anyMatch(s -> s.protocol().equals(session.protocol()));
            if (!sameProtocolLive || policy == DuplicateLoginPolicy.MULTIPLE) {
                ClientSession[] more = Arrays.copyOf(live, live.length + 1);
                more[live.length] = session;
                return more;
            }
            if (policy == DuplicateLoginPolicy.REFUSE) {
                refused[0] = true;
                return live;
            }
            // REPLACE: the same protocol's older sessions go, the others stay
            List<ClientSession> kept = new ArrayList<>(live.length);
            for (ClientSession s : live) {
                (s.protocol().equals(session.protocol()) ? replaced : kept).add(s);
            }
            kept.add(session);
            return kept.toArray(ClientSession[]::new);
        });
        if (refused[0]) {
            count.addAndGet(-droppedClosed[0]);
            return new Registration.Duplicate();
        }
        count.addAndGet(1 - replaced.size() - droppedClosed[0]);
        return new Registration.Registered(replaced);
    }

    public void unregister(ClientSession session) {
        boolean[] removed = {false};
        byUser.computeIfPresent(session.uid(), (uid, current) -> {
            ClientSession[] rest = Arrays.stream(current).filter(s -> s != session).toArray(ClientSession[]::new);
            removed[0] = rest.length != current.length;
            return rest.length == 0 ? null : rest;
        });
        if (removed[0]) {
            count.decrementAndGet();
        }
    }

    /** The user's sessions on this node; an empty array when none. Never copies on the hot path. */
    public ClientSession[] sessionsOf(long uid) {
        ClientSession[] sessions = byUser.get(uid);
        return sessions == null ? NONE : sessions;
    }

    public boolean isOnline(long uid) {
        return byUser.containsKey(uid);
    }

    public int count() {
        return count.get();
    }

    public void forEach(Consumer<ClientSession> action) {
        byUser.values().forEach(sessions -> {
            for (ClientSession s : sessions) {
                action.accept(s);
            }
        });
    }

    public Collection<ClientSession> all() {
        List<ClientSession> all = new ArrayList<>(count.get());
        forEach(all::add);
        return all;
    }
}
