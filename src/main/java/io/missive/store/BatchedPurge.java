package io.missive.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A purge in transactions of at most {@link #BATCH} rows, each under the purge's {@link PurgeLock}, with a
 * pause after each full one as long as that one took. One statement for everything old enough held a
 * backend busy for seconds and wrote its whole WAL at once: the store writers' commits queued behind it,
 * once a minute (an MQTT purge of a minute's messages at 4,000 msg/s, 240,000 rows, took over 2 s). In
 * batches the writers' commits go between them, and the purge uses at most about half of one backend.
 *
 * <p>Runs outside any JTA transaction (the container's scheduler): each batch commits on its own connection
 * from the pool. A purge interrupted (the application stopping) ends after the batch under way.
 */
final class BatchedPurge {

    /** Rows per transaction: a few milliseconds of a backend's work. */
    static final int BATCH = 1_000;

    /**
     * Sets the parameters of a batch's statement: the key the batch starts at (the last one the batch before
     * deleted, or the first), the batch's size, and whatever else the statement takes.
     */
    @FunctionalInterface
    interface Binder<K> {
        void bind(PreparedStatement delete, K from, int limit) throws SQLException;
    }

    /** What one batch did: how many rows it deleted, and the last key among them. */
    private record Batch<K>(int deleted, K last) {
    }

    /** Waits between batches; a test's own makes no wait. */
    @FunctionalInterface
    interface Pause {
        void pause(long nanos) throws InterruptedException;

        Pause SLEEP = nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }

    private final DataSource dataSource;
    private final long lockKey;
    private final int batchSize;
    private final Pause pause;

    BatchedPurge(DataSource dataSource, long lockKey) {
        this(dataSource, lockKey, BATCH, Pause.SLEEP);
    }

    BatchedPurge(DataSource dataSource, long lockKey, int batchSize, Pause pause) {
        this.dataSource = dataSource;
        this.lockKey = lockKey;
        this.batchSize = batchSize;
        this.pause = pause;
    }

    /**
     * Deletes batch after batch until one is not full; answers how many rows. Nothing (0) while another node
     * purges. {@code sql} deletes in the order of a key, from the one bound on, and answers how many rows it
     * deleted and the last key among them ({@code WITH gone AS (DELETE ... RETURNING key) SELECT count(*),
     * max(key) FROM gone}): each batch starts where the one before ended, so the rows that stay (and the
     * index entries of rows deleted, dead until a vacuum) are not read again by every batch.
     */
    <K> int run(String sql, K first, Class<K> keyType, Binder<K> binder) throws SQLException {
        int total = 0;
        K from = first;
        while (true) {
            long started = System.nanoTime();
            Batch<K> batch = once(sql, from, keyType, binder);
            if (batch == null) {
                return total;
            }
            total += batch.deleted();
            if (batch.deleted() < batchSize) {
                return total;
            }
            from = batch.last();
            try {
                pause.pause(System.nanoTime() - started);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return total;
            }
        }
    }

    /** One batch in its own transaction; null when another node holds the purge. */
    private <K> Batch<K> once(String sql, K from, Class<K> keyType, Binder<K> binder) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!PurgeLock.tryTake(connection, lockKey)) {
                    connection.rollback();
                    return null;
                }
                Batch<K> batch;
                try (PreparedStatement delete = connection.prepareStatement(sql)) {
                    binder.bind(delete, from, batchSize);
                    try (ResultSet rs = delete.executeQuery()) {
                        rs.next();
                        batch = new Batch<>(rs.getInt(1), rs.getObject(2, keyType));
                    }
                }
                connection.commit();
                return batch;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
