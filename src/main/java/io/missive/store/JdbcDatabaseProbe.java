package io.missive.store;

import io.missive.repository.DatabaseProbe;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@link DatabaseProbe} as a {@code SELECT 1} through the application's pool. */
@ApplicationScoped
public class JdbcDatabaseProbe implements DatabaseProbe {

    @Resource(lookup = "jdbc/missive")
    private DataSource dataSource;

    @Override
    public Result probe() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ping = connection.prepareStatement("SELECT 1");
             ResultSet rs = ping.executeQuery()) {
            rs.next();
            return new Result(true, elapsedMillis(start), null);
        } catch (SQLException | RuntimeException e) {
            return new Result(false, elapsedMillis(start), e.toString());
        }
    }

    private static double elapsedMillis(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }
}
