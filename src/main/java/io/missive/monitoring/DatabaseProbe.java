package io.missive.monitoring;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether PostgreSQL answers through the application's pool, and how fast: one cheap query. The
 * pool's own figures (active, idle) are the server's and not portable, so the probe is what the
 * status page and readiness report.
 */
@ApplicationScoped
public class DatabaseProbe {

    @Resource(lookup = "jdbc/missive")
    private DataSource dataSource;

    /** The outcome of one probe: answered or not, the time it took, and the error if any. */
    public record Result(boolean up, double latencyMillis, String error) {
    }

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
