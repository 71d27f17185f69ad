package io.missive.core.routing;

import io.missive.core.model.Message;
import io.missive.core.model.Target;

/** This node's sessions, as a relay sees them. */
public interface LocalDelivery {

    /** Hands a committed message to its recipients' sessions on this node; {@code originSessionId} is skipped (0: none). */
    void deliver(Message message, long originSessionId);

    /**
     * Whether a message to {@code target} may have a recipient on this node, judged without reading
     * anything: a relay reads another node's message from the store only when it may.
     */
    boolean mayReceive(Target target);

    /**
     * Something committed may not have been delivered (the cluster's feed was interrupted): every
     * session here reads the store again before it sends anything newer.
     */
    void resyncAll();
}
