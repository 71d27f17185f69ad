package io.missive.bench;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A node's feed listener as the design has it: one autocommit connection LISTENing on a channel,
 * drained by a thread of its own through pgjdbc's {@link PGConnection#getNotifications(int)}.
 * It only counts, so that the gate can check that every notifying commit was heard once.
 */
final class NotificationCounter implements AutoCloseable {

    /** How long one poll blocks; also how long {@link #close()} may wait for the thread. */
    private static final int POLL_MILLIS = 200;

    private final Connection connection;
    private final Thread drainer;
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<SQLException> failure = new AtomicReference<>();
    private volatile boolean stopping;

    /** Takes over {@code connection} (in autocommit, as it comes) and LISTENs there. */
    NotificationCounter(Connection connection, String channel) throws SQLException {
        this.connection = connection;
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + channel);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        drainer = new Thread(this::drain, "notification-counter");
        drainer.setDaemon(true);
        drainer.start();
    }

    private void drain() {
        PGConnection listening;
        try {
            listening = connection.unwrap(PGConnection.class);
            while (!stopping) {
                PGNotification[] notifications = listening.getNotifications(POLL_MILLIS);
                if (notifications != null) {
                    received.addAndGet(notifications.length);
                }
            }
        } catch (SQLException e) {
            failure.set(e);
        }
    }

    /**
     * The notifications received once {@code expected} have arrived, or once none has arrived for
     * {@code quiet} (then fewer, which the report shows).
     */
    long awaitCount(long expected, Duration quiet) throws SQLException, InterruptedException {
        long last = received.get();
        long lastChange = System.nanoTime();
        while (last < expected && System.nanoTime() - lastChange < quiet.toNanos()) {
            throwIfFailed();
            Thread.sleep(20);
            long now = received.get();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        throwIfFailed();
        return received.get();
    }

    private void throwIfFailed() throws SQLException {
        SQLException e = failure.get();
        if (e != null) {
            throw new SQLException("the listening connection failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        stopping = true;
        drainer.join(POLL_MILLIS * 5L);
        connection.close();
    }
}
