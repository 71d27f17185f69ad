package io.missive.store;

import io.missive.repository.Page;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a listing for operators, and how many rows the whole listing has, in one statement:
 * the rows carry {@code count(*) OVER ()}, so the total costs no second scan (except for a page past
 * the end, which has no row to carry it).
 *
 * @param select the listing: {@code SELECT <columns> FROM ... WHERE ...}, without ORDER BY, its
 *               parameters first
 * @param order  the ORDER BY clause's terms, ending in a unique column so that pages never overlap
 */
public record PagedQuery(String select, String order) {

    /** Reads one row of the page; the total is read by the query itself. */
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> Page<T> run(Connection connection, List<Object> parameters, int offset, int limit, RowReader<T> reader)
            throws SQLException {
        String sql = "SELECT q.*, count(*) OVER () AS missive_total FROM (" + select + ") q ORDER BY " + order
                + " OFFSET ? LIMIT ?";
        List<T> items = new ArrayList<>();
        long total = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = bind(statement, parameters);
            statement.setInt(i++, offset);
            statement.setInt(i, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    items.add(reader.read(rs));
                    total = rs.getLong("missive_total");
                }
            }
        }
        if (items.isEmpty() && offset > 0) {
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM (" + select + ") q")) {
                bind(count, parameters);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
        }
        return new Page<>(total, items);
    }

    private static int bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        int i = 1;
        for (Object p : parameters) {
            statement.setObject(i++, p);
        }
        return i;
    }
}
