package io.missive.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One purge at a time across the nodes of a cluster: a transaction-scoped PostgreSQL advisory lock,
 * taken without waiting. The node that does not get it leaves that round to the one that did; the
 * lock goes with the transaction, also when its node dies. (Not a clustered singleton: those lock
 * unsafely across a split of the data grid; the database decides here.)
 */
final class PurgeLock {

    /** The messages' purge and MQTT's, each its own key. */
    static final long MESSAGES = 0x4d53_5650_0001L;
    static final long MQTT = 0x4d53_5650_0002L;

    private PurgeLock() {
    }

    /** Whether this transaction now holds {@code key}; false when another transaction does. */
    static boolean tryTake(Connection connection, long key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
