package io.missive.core.store;

import io.missive.core.model.Message;

/** Hears how an append ended. Called on the store's writer thread: must not block. */
public interface AppendListener {

    void stored(Message message);

    /**
     * The draft carried a client message id that its sender had used already: nothing new was
     * stored, and {@code existing} is the message stored the first time (its id, conversation and
     * sequence number). It was routed then, so it must not be routed again.
     */
    default void alreadyStored(Message existing) {
        stored(existing);
    }

    void failed(Throwable cause);
}
