package io.missive.core;

import io.missive.core.model.Message;

/** How a publish ended, told on the publisher's mailbox. */
public interface PublishCallback {

    /** Committed to the store: now, and only now, the publisher may be acknowledged. */
    void accepted(Message stored);

    void refused(Refusal refusal, String detail);

    /**
     * Whether the answers may block; false for one that only writes the protocol's answer, which may
     * then run on the publisher's event loop. True by default.
     */
    default boolean mayBlock() {
        return true;
    }
}
