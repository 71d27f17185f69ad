package io.missive.core.store;

import io.missive.core.model.Message;

/** Hears how an append ended. Called on the store's writer thread: must not block. */
public interface AppendListener {

    void stored(Message message);

    void failed(Throwable cause);
}
