package io.missive.core.routing;

import io.missive.core.model.Message;

/**
 * How this node's committed messages reach sessions, here and on the other nodes of a cluster.
 * One node alone hands them straight to its sessions ({@link SingleNodeRelay}); a cluster
 * delivers every node's commits, this node's own among them, in the one order the database
 * committed them ({@link OrderedRelay}), so that no session is sent seq 11 of a conversation
 * before seq 10.
 */
public interface ClusterRelay {

    /** Gives the relay this node's sessions; called once, as the core is built. */
    void bind(LocalDelivery here);

    /**
     * A message this node committed. Called on the store's writer thread, in commit order:
     * implementations hand off and return.
     */
    void committed(Message message, long originSessionId);
}
