package io.missive.core.routing;

import io.missive.core.model.Message;

/** One node alone: every session is local, so there is nothing to forward. */
public final class SingleNodeRelay implements ClusterRelay {

    @Override
    public void forward(Message message, long originSessionId) {
        // No other node.
    }
}
