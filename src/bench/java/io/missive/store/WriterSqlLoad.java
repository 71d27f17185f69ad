package io.missive.store;

import io.missive.config.ClusterSettings;
import io.missive.core.model.MessageDraft;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message writer's own SQL ({@link MessageLog} on a server alone), driven without Missive for the
 * benchmark suite's commit floor: batches of messages from {@code pairs} senders to as many receivers, one
 * conversation per pair, each batch carrying the receivers' acknowledgements of the batch before it, as a
 * p2p load's commits do. Each batch runs on a {@link HeldConnection} in auto-commit, as
 * {@link JdbcMessageStore}'s writer runs it outside a cluster. In the store's package, as the store's tests
 * are, for {@link MessageLog}'s constructor outside a container and for {@link HeldConnection}.
 */
public final class WriterSqlLoad implements AutoCloseable {

    /** The first user id the load makes; users are made by {@link #WriterSqlLoad}, two per pair. */
    private static final long FIRST_UID = 100_000;

    private final HeldConnection connection;
    private final int pairs;
    private final MessageLog log = new MessageLog(new ClusterNotices(
            new ClusterSettings(false, "bench", Optional.empty(), Duration.ofMinutes(5))));
    private final Map<ConversationKey, Long> conversations = new HashMap<>();
    private final byte[] payload;
    private List<MessageLog.CursorUpdate> acknowledgements = List.of();
    private int next;

    /** Makes the users in {@code dataSource}'s database, which has Missive's schema; batches take a connection of their own. */
    public WriterSqlLoad(DataSource dataSource, int pairs, int payloadBytes) throws SQLException {
        this.pairs = pairs;
        this.payload = new byte[payloadBytes];
        try (Connection c = dataSource.getConnection(); Statement sql = c.createStatement()) {
            sql.execute("INSERT INTO users (uid, username) SELECT g, 'floor-' || g FROM generate_series("
                    + FIRST_UID + ", " + (FIRST_UID + 2L * pairs - 1) + ") AS g ON CONFLICT DO NOTHING");
        }
        this.connection = new HeldConnection(dataSource);
    }

    /** Writes {@code messages} messages, the pairs' senders taking turns, with the last batch's acknowledgements. */
    public void writeBatch(int messages) throws SQLException {
        List<MessageDraft> drafts = new ArrayList<>(messages);
        long now = System.currentTimeMillis();
        for (int i = 0; i < messages; i++) {
            long sender = FIRST_UID + 2L * (next++ % pairs);
            drafts.add(new MessageDraft(MessageId.random(), sender, new Target.User(sender + 1), payload, now, 0));
        }
        Map<ConversationKey, Long> resolved = new HashMap<>();
        List<MessageLog.CursorUpdate> acknowledged = acknowledgements;
        List<MessageLog.Written> written = connection.runAutoCommit(
                c -> log.write(c, drafts, conversations, resolved, acknowledged));
        conversations.putAll(resolved);
        Map<Long, MessageLog.CursorUpdate> delivered = new HashMap<>();
        for (MessageLog.Written w : written) {
            long receiver = ((Target.User) w.message().target()).uid();
            delivered.merge(w.message().conversationId(),
                    new MessageLog.CursorUpdate(receiver, w.message().conversationId(), w.message().seq()),
                    (a, b) -> a.seq() >= b.seq() ? a : b);
        }
        acknowledgements = List.copyOf(delivered.values());
    }

    @Override
    public void close() {
        connection.close();
    }
}
