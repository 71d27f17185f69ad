package io.missive.monitoring;

import io.missive.repository.DatabaseProbe;
import io.missive.tcp.TcpConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Ready to take traffic: PostgreSQL answers through the pool (a {@code SELECT 1}), and every
 * configured TCP listener is bound. A load balancer sends no client to a node that is not.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    private DatabaseProbe database;

    @Inject
    private TcpConnector tcp;

    @Override
    public HealthCheckResponse call() {
        DatabaseProbe.Result db = database.probe();
        List<String> down = tcp.notListening();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("missive")
                .status(db.up() && down.isEmpty())
                .withData("database", db.up() ? "up" : "down")
                .withData("databaseLatencyMillis", Double.toString(db.latencyMillis()))
                .withData("tcpListenersDown", String.join(",", down));
        if (db.error() != null) {
            response.withData("databaseError", db.error());
        }
        return response.build();
    }
}
