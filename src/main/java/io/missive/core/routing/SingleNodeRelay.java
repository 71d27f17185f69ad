package io.missive.core.routing;

import io.missive.core.model.Message;

/** One node alone: its writer's commit order is the only order, so a commit is delivered at once. */
public final class SingleNodeRelay implements ClusterRelay {

    private LocalDelivery here;

    @Override
    public void bind(LocalDelivery here) {
        this.here = here;
    }

    @Override
    public void committed(Message message, long originSessionId) {
        here.deliver(message, originSessionId);
    }
}
