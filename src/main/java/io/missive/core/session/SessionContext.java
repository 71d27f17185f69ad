package io.missive.core.session;

import io.missive.core.connection.ConnectionRegistry;
import io.missive.core.stats.MessagingObserver;
import io.missive.core.store.MessageStore;
import io.missive.core.timer.DeadlineWheel;

import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What every session shares: kept in one object so that each session stays small.
 *
 * @param pendingReads where a session reads its next page of pending messages, off its mailbox: a pool
 *                     whose threads may block on the database
 */
public record SessionContext(MessageStore store, DeliverySettings settings, InstantSource clock,
                             DeadlineWheel deadlines, Consumer<ClientSession> onClosed,
                             ConnectionRegistry connections, MessagingObserver observer, Executor pendingReads) {
}
