package io.missive.core.stats;

import io.missive.core.model.Message;

/**
 * Hears the core's traffic, for metrics and status pages. Called on the delivery path (sessions'
 * mailboxes, the store's writer thread): implementations only bump lock-free counters and never
 * block or allocate per call.
 */
public interface MessagingObserver {

    /** Observes nothing. */
    MessagingObserver NONE = new MessagingObserver() {
    };

    /** A published message was committed (a repeated client message id is not counted again). */
    default void stored(Message message) {
    }

    /**
     * A message was pushed to a recipient's connection for the first time (resends are {@link #resent}).
     *
     * @param live whether the recipient was online and caught up, so that {@code nowMillis} minus the
     *             message's creation time is the server's delivery latency; false for a push fetched
     *             from the store while a session catches up (its wait includes the time it was away)
     */
    default void pushed(Message message, long nowMillis, boolean live) {
    }

    /**
     * A session had more messages waiting than {@code missive.delivery.queue-limit} holds in memory: it
     * dropped them and reads them again from the store (a slow or far-behind recipient).
     */
    default void queueOverflowed() {
    }

    /** An unacknowledged push was sent again. */
    default void resent() {
    }

    /** A recipient acknowledged a push. */
    default void acknowledged() {
    }

    /** A login was refused unchecked: its address or username failed too often lately. */
    default void loginThrottled() {
    }

    /** A login was refused unchecked: every credential-check thread and queue place was taken. */
    default void loginRefusedBusy() {
    }

    /** A connection was refused at once: its address had too many connections awaiting their login. */
    default void connectionRefusedAwaitingLogin() {
    }

    /** Stored messages were deleted because their time to live ran out. */
    default void expired(int count) {
    }

    /** The store committed a batch of this many messages in one transaction. */
    default void batchCommitted(int size) {
    }
}
