package io.missive.store;

import io.missive.repository.DatabaseProbe;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@link DatabaseProbe} as a {@code SELECT 1} through the application's pool. */
@ApplicationScoped
public class JdbcDatabaseProbe implements DatabaseProbe {

    @Resource(lookup = DataSourceName.JNDI)
    private DataSource dataSource;

    /**
     * Makes this bean, and resolves its data source, while the application starts: WildFly runs
     * health checks on a management thread without the application's naming context, where
     * {@code java:comp} names cannot be looked up, and the readiness check is this bean's first user.
     */
    void resolveAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // nothing to do: being called is what creates the bean
    }

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
