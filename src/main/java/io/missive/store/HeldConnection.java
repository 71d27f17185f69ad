package io.missive.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One pooled connection that a store's writer thread keeps across its batches, committing each
 * batch itself in a plain JDBC transaction. Taking a connection from the container's pool for
 * every batch, inside a container (JTA) transaction, cost the writer about three times the JDBC
 * work it wrapped (the pool's validation query, the transaction manager's begin and commit;
 * docs/benchmarks.md). A failed batch is rolled back; a connection that cannot even roll back
 * is closed and the next batch takes a new one from the pool, which validates it.
 *
 * <p>A batch that is one statement runs in auto-commit instead ({@link #runAutoCommit}): the
 * statement commits itself, without a COMMIT's round trip of its own.
 *
 * <p>Used by one thread only; obtained outside any JTA transaction, so the connection is not
 * enlisted and its auto-commit is the writer's to switch (Payara's and WildFly's pools allow
 * this for local, non-XA data sources).
 */
final class HeldConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HeldConnection.class.getName());
    private static final int VALID_SECONDS = 5;

    /** A batch's statements, run on the held connection. */
    @FunctionalInterface
    interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private Connection connection;

    HeldConnection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in one transaction and commits it; on any failure rolls back and rethrows. */
    <R> R run(Work<R> work) throws SQLException {
        Connection c = connection();
        try {
            R result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(c);
            throw e;
        }
    }

    /**
     * Runs {@code work} in auto-commit: each of its statements commits itself as it completes, with no
     * COMMIT of its own to wait for. For work whose statements need not commit together, such as a batch
     * that is one statement. On a failure (the failed statement has rolled itself back) a connection that
     * failed with it is replaced, and the failure rethrown.
     */
    <R> R runAutoCommit(Work<R> work) throws SQLException {
        Connection c = connection();
        try {
            // no transaction is open between runs, so switching sends nothing to the database
            c.setAutoCommit(true);
            R result = work.run(c);
            c.setAutoCommit(false);
            return result;
        } catch (SQLException | RuntimeException e) {
            replaceIfBroken(c);
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection fresh = dataSource.getConnection();
            try {
                fresh.setAutoCommit(false);
                try (Statement set = fresh.createStatement()) {
                    // the writer's statements take arrays: a plan made once fits every batch, and
                    // planning each execution anew took about a tenth of the writer's time in PostgreSQL
                    set.execute("SET plan_cache_mode = force_generic_plan");
                }
                fresh.commit();
            } catch (SQLException e) {
                fresh.close();
                throw e;
            }
            connection = fresh;
        }
        return connection;
    }

    /** After a failure in auto-commit: a connection still valid is set back to transactions, any other replaced. */
    private void replaceIfBroken(Connection c) {
        try {
            if (c.isValid(VALID_SECONDS)) {
                c.setAutoCommit(false);
                return;
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "A writer's connection could not be checked; it is replaced", e);
        }
        close();
    }

    private void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "A writer's connection could not roll back; it is replaced", e);
            close();
        }
    }

    /** Gives the connection back to the pool (auto-commit on again, as the pool handed it out). */
    @Override
    public void close() {
        Connection c = connection;
        connection = null;
        if (c == null) {
            return;
        }
        try (Statement reset = c.createStatement()) {
            reset.execute("RESET plan_cache_mode");
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.log(Level.FINE, "A writer's connection could not be reset", e);
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "A writer's connection could not be closed", e);
        }
    }
}
