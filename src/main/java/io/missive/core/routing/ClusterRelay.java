package io.missive.core.routing;

import io.missive.core.model.Message;

/**
 * Carries committed messages to the other nodes of a cluster, which deliver them to their own
 * sessions with {@link Router#deliverHere}. Called on the store's writer thread, in commit
 * order: implementations hand off and return.
 */
public interface ClusterRelay {

    void forward(Message message, long originSessionId);
}
