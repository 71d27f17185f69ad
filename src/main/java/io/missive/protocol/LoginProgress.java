package io.missive.protocol;

import io.missive.core.connection.AwaitingLogins;

import java.util.ArrayDeque;

/**
 * A connection's way to its login: its place among the {@link AwaitingLogins connections awaiting
 * their login} from its address, and, while its credentials are checked on the core's own threads,
 * the messages the peer sent meanwhile, which wait (still counted in the inbound backlog) until the
 * check's answer is handled, so that nothing the peer sends after its login overtakes it.
 * Mailbox-confined once the connection is made.
 *
 * @param <I> what the protocol's decoder delivers
 */
final class LoginProgress<I> {

    private final AwaitingLogins awaiting;
    private final String address;
    private boolean counted;
    private boolean checking;
    private final ArrayDeque<I> waiting = new ArrayDeque<>();

    LoginProgress(AwaitingLogins awaiting, String address) {
        this.awaiting = awaiting;
        this.address = address;
    }

    /** Takes a place among the connections awaiting their login; false when the address has none left. */
    boolean admit() {
        counted = awaiting.admit(address);
        return counted;
    }

    /** The login is done, or the connection closed: its place is given back (once). */
    void over() {
        if (counted) {
            counted = false;
            awaiting.done(address);
        }
    }

    /** Credentials are being checked: from now on messages {@linkplain #holdBack wait}. */
    void checking() {
        checking = true;
    }

    /** The check answered: messages are handled again, first those that waited. */
    void checked() {
        checking = false;
    }

    /**
     * Keeps {@code message} for later while credentials are checked, and after, until those that waited
     * are handled; false when it may be handled now.
     */
    boolean holdBack(I message) {
        if (!checking && waiting.isEmpty()) {
            return false;
        }
        waiting.add(message);
        return true;
    }

    /** The next message that waited for the check, or null; none while a (new) check runs. */
    I nextWaiting() {
        return checking ? null : waiting.poll();
    }
}
