package io.missive.cluster;

import java.util.Optional;

/**
 * Asks another node of the cluster about its connections, for an administrator on any node: a page
 * of them, or a kick. Each node serves the others' requests with what {@link #serve} gave it.
 * Without a data grid there is no other node to ask ({@link #NONE}).
 */
public interface NodeRequests {

    /** How this node answers the others. Called on the grid's threads: quick, no blocking I/O. */
    interface Handler {

        /** A page of this node's connections as the admin API's JSON. */
        String connections(String offset, String limit, String q, String protocol);

        /** Kicks one of this node's connections; false when there is none with that id. */
        boolean kick(long connectionId);
    }

    NodeRequests NONE = new NodeRequests() {
        @Override
        public void serve(Handler handler) {
        }

        @Override
        public Optional<String> connections(String nodeId, String offset, String limit, String q, String protocol) {
            return Optional.empty();
        }

        @Override
        public Optional<Boolean> kick(String nodeId, long connectionId) {
            return Optional.empty();
        }
    };

    void serve(Handler handler);

    /** Node {@code nodeId}'s page of connections as JSON; empty when it did not answer in time. */
    Optional<String> connections(String nodeId, String offset, String limit, String q, String protocol);

    /** Asks node {@code nodeId} to kick a connection: whether it had it; empty when it did not answer in time. */
    Optional<Boolean> kick(String nodeId, long connectionId);
}
