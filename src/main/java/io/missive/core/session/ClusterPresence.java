package io.missive.core.session;

/**
 * The sessions of the other nodes of a cluster, as far as the duplicate-login policy needs them:
 * whether a user has one of a protocol elsewhere (refuse), and telling the others that a newer one
 * opened here (replace). One node alone has none ({@link #NONE}).
 */
public interface ClusterPresence {

    ClusterPresence NONE = new ClusterPresence() {
        @Override
        public boolean onlineElsewhere(long uid, String protocol) {
            return false;
        }

        @Override
        public void opened(long uid, String protocol, DuplicateLoginPolicy policy, long openedAtMillis) {
        }

        @Override
        public void closedHere(long uid, String protocol) {
        }
    };

    /** What this node does when another node's newer login replaces sessions here. */
    @FunctionalInterface
    interface Replaced {
        void replaced(long uid, String protocol, long openedAtMillis);
    }

    /** Tells the presence what to do when another node replaces sessions here; once, as the core is built. */
    default void bind(Replaced here) {
    }

    /**
     * Whether the user has a session of {@code protocol} on another node. May wait a moment for the
     * cluster: call it on a mailbox. When the cluster cannot tell, false: each node keeps its own rule.
     */
    boolean onlineElsewhere(long uid, String protocol);

    /**
     * A session of the user opened here at {@code openedAtMillis}. Under {@link DuplicateLoginPolicy#REPLACE}
     * the other nodes close the user's sessions of {@code protocol} opened before it, through what
     * {@link #bind} gave them. Returns at once.
     */
    void opened(long uid, String protocol, DuplicateLoginPolicy policy, long openedAtMillis);

    /** The user's last session of {@code protocol} on this node closed. Returns at once. */
    void closedHere(long uid, String protocol);
}
