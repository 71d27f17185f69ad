package io.missive.bench;

import io.missive.launch.EmbeddedDatabase;
import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;

/**
 * One writer of the commit-feed gate, on a connection of its own (autocommit off), committing
 * transactions as Missive's writer does: lock the conversation row by raising its {@code last_seq},
 * insert the batch's messages in one multi-row INSERT, and with notify on announce the range in
 * the same transaction, as the commit feed would.
 */
final class CommitFeedWriter implements AutoCloseable {

    static final int PAYLOAD_BYTES = 100;
    /** Roughly the size of a feed notice ("conversation C committed seq s..t (target)"). */
    static final int NOTICE_CHARS = 60;

    private final Connection connection;
    private final long conversationId;
    private final int batch;
    private final PreparedStatement lockConversation;
    private final PreparedStatement insertMessages;
    private final PreparedStatement notifyCommit;
    private final byte[] payload = new byte[PAYLOAD_BYTES];

    /** Takes over {@code connection} and prepares the statements there, so that neither is timed. */
    CommitFeedWriter(Connection connection, long conversationId, CommitFeedCell cell) throws SQLException {
        this.connection = connection;
        this.conversationId = conversationId;
        this.batch = cell.batch();
        Arrays.fill(payload, (byte) 'm');
        try {
            requireSynchronousCommit(connection);
            connection.setAutoCommit(false);
            lockConversation = connection.prepareStatement(
                    "UPDATE conversations SET last_seq = last_seq + ? WHERE id = ? RETURNING last_seq");
            insertMessages = connection.prepareStatement(multiRowInsert(batch));
            notifyCommit = cell.notifies() ? connection.prepareStatement("SELECT pg_notify(?, ?)") : null;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Commits transactions until {@code endNanos}; counts and times those that commit from
     * {@code measureFromNanos} on (the ones before are the warm-up).
     */
    Tally run(long measureFromNanos, long endNanos) throws SQLException {
        Histogram latency = LatencyHistograms.empty();
        long committed = 0;
        long measured = 0;
        long now = System.nanoTime();
        while (now < endNanos) {
            long start = now;
            commitOne();
            now = System.nanoTime();
            committed++;
            if (start >= measureFromNanos && now <= endNanos) {
                measured++;
                latency.recordValue(LatencyHistograms.micros(now - start));
            }
        }
        return new Tally(measured, measured * batch, latency, committed);
    }

    private void commitOne() throws SQLException {
        lockConversation.setInt(1, batch);
        lockConversation.setLong(2, conversationId);
        long lastSeq;
        try (ResultSet row = lockConversation.executeQuery()) {
            row.next();
            lastSeq = row.getLong(1);
        }
        long firstSeq = lastSeq - batch + 1;
        for (int i = 0; i < batch; i++) {
            insertMessages.setLong(3 * i + 1, conversationId);
            insertMessages.setLong(3 * i + 2, firstSeq + i);
            insertMessages.setBytes(3 * i + 3, payload);
        }
        insertMessages.executeUpdate();
        if (notifyCommit != null) {
            notifyCommit.setString(1, CommitFeedGateScenario.CHANNEL);
            notifyCommit.setString(2, notice(firstSeq, lastSeq));
            notifyCommit.executeQuery().close();
        }
        connection.commit();
    }

    private String notice(long firstSeq, long lastSeq) {
        String notice = "conversation " + conversationId + " committed seq " + firstSeq + ".." + lastSeq + " target all";
        return String.format("%-" + NOTICE_CHARS + "s", notice);
    }

    private static String multiRowInsert(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO messages (conversation_id, seq, payload, created_at) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, now())");
        }
        return sql.toString();
    }

    /** The figures mean something only if every commit waits for its flush, in this very session. */
    static void requireSynchronousCommit(Connection connection) throws SQLException {
        Map<String, String> shown = EmbeddedDatabase.show(connection, EmbeddedDatabase.DURABILITY_SETTINGS);
        if (!shown.equals(EmbeddedDatabase.Durability.DURABLE.serverConfig())) {
            throw new SQLException("a writer's session runs with " + shown + ", not durably");
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /**
     * @param commits   transactions committed within the measured time
     * @param rows      their rows
     * @param latency   their latencies in microseconds
     * @param committed every transaction committed, warm-up included
     */
    record Tally(long commits, long rows, Histogram latency, long committed) {
    }
}
