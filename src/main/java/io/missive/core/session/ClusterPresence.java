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

    /** What this node does about another node's session of one of its users. */
    interface Elsewhere {

        /** Replace: the user's sessions of {@code protocol} here opened before the other node's go. */
        void replaced(long uid, String protocol, long openedAtMillis);

        /**
         * Refuse, found out late (the grid was split when the second login came): the user's sessions of
         * {@code protocol} here opened after the other node's go; the first login keeps its place.
         */
        void refused(long uid, String protocol, long openedAtMillis);
    }

    /** Tells the presence what to do about other nodes' sessions; once, as the core is built. */
    default void bind(Elsewhere here) {
    }

    /**
     * Whether the user has a session of {@code protocol} on another node. May wait a moment for the
     * cluster: call it on a mailbox. When the cluster cannot tell, false: each node keeps its own rule.
     */
    boolean onlineElsewhere(long uid, String protocol);

    /**
     * A session of the user opened here at {@code openedAtMillis}. Under {@link DuplicateLoginPolicy#REPLACE}
     * the other nodes close the user's sessions of {@code protocol} opened before it, through what
     * {@link #bind} gave them; when a split grid heals, every node tells the others its sessions again,
     * and each side closes what the policy says. Returns at once.
     */
    void opened(long uid, String protocol, DuplicateLoginPolicy policy, long openedAtMillis);

    /** The user's last session of {@code protocol} on this node closed. Returns at once. */
    void closedHere(long uid, String protocol);
}
