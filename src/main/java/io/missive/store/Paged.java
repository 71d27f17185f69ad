package io.missive.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A read that PostgreSQL's driver fetches {@value #PAGE_ROWS} rows at a time: the driver reads a whole
 * result into memory unless the statement runs in a transaction with a fetch size, so this opens one
 * (read only, on a connection outside any container transaction) and ends it on close.
 */
final class Paged implements AutoCloseable {

    static final int PAGE_ROWS = 1_000;

    private final Connection connection;

    Paged(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
    }

    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setFetchSize(PAGE_ROWS);
        return statement;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();   // nothing was written: ending the transaction is all
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
