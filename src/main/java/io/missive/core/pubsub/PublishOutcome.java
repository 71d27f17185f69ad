package io.missive.core.pubsub;

/** How a publish ended, told on the executor the publisher gave. */
public interface PublishOutcome {

    /**
     * Whether {@code accepted} may block; false for one that only writes the protocol's acknowledgement,
     * which may then run on the publisher's event loop. True by default.
     */
    default boolean acceptedMayBlock() {
        return true;
    }

    /** For a publish nobody waits for (a will): a failure is logged by the store. */
    PublishOutcome IGNORED = new PublishOutcome() {
        @Override
        public void accepted() {
        }

        @Override
        public void failed(String reason) {
        }
    };

    /** Routed; for QoS 1 and 2 also committed to the store: now the publisher may be acknowledged. */
    void accepted();

    /** The store failed: the message was neither stored nor routed. */
    void failed(String reason);
}
