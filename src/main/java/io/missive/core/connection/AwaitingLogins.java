package io.missive.core.connection;

import io.missive.core.stats.MessagingObserver;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections that have not logged in yet, counted per peer address, so that one address cannot
 * hold thousands of connections that each cost a login deadline, a mailbox and buffers without
 * ever proving who it is. A connection over the limit is refused at once; logged-in connections
 * are not counted (a NAT full of real users is limited only by the listener's max-connections).
 */
public final class AwaitingLogins {

    private final int maxPerAddress;
    private final MessagingObserver observer;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    /**
     * @param maxPerAddress connections from one address awaiting their login at once; 0 for no limit
     * @param observer      hears of each refusal (a metric)
     */
    public AwaitingLogins(int maxPerAddress, MessagingObserver observer) {
        if (maxPerAddress < 0) {
            throw new IllegalArgumentException("the limit of connections awaiting their login per address must be"
                    + " 0 (none) or more, not " + maxPerAddress);
        }
        this.maxPerAddress = maxPerAddress;
        this.observer = observer;
    }

    public int maxPerAddress() {
        return maxPerAddress;
    }

    /** Counts one more connection from {@code address} awaiting its login; false (not counted) past the limit. */
    public boolean admit(String address) {
        if (maxPerAddress == 0) {
            return true;
        }
        boolean[] admitted = {false};
        counts.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            if (now >= maxPerAddress) {
                return n;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            observer.connectionRefusedAwaitingLogin();
        }
        return admitted[0];
    }

    /**
     * Whether {@code address} has the most connections awaiting their login already, so that a new one
     * would not be admitted: then it counts as refused. For a transport that refuses before it sets up
     * anything for the connection; {@link #admit} stays the rule (a race only lets it decide).
     */
    public boolean refusesNew(String address) {
        if (maxPerAddress == 0 || count(address) < maxPerAddress) {
            return false;
        }
        observer.connectionRefusedAwaitingLogin();
        return true;
    }

    /** A connection {@linkplain #admit admitted} from {@code address} logged in or closed. */
    public void done(String address) {
        if (maxPerAddress > 0) {
            counts.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Connections from {@code address} awaiting their login now. */
    public int count(String address) {
        return counts.getOrDefault(address, 0);
    }
}
