package io.missive.core.session;

import io.missive.core.connection.ConnectionRegistry;
import io.missive.core.stats.MessagingObserver;
import io.missive.core.store.MessageStore;
import io.missive.core.timer.DeadlineScanner;

import java.time.InstantSource;
import java.util.function.Consumer;

/** What every session shares: kept in one object so that each session stays small. */
public record SessionContext(MessageStore store, DeliverySettings settings, InstantSource clock,
                             DeadlineScanner scanner, Consumer<ClientSession> onClosed,
                             ConnectionRegistry connections, MessagingObserver observer) {
}
