package io.missive.monitoring;

import io.missive.repository.CommitFeedProbe;
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
 * Ready to take traffic: PostgreSQL answers through the pool (a {@code SELECT 1}), every
 * configured TCP listener is bound, and in a cluster the commit feed listens. A load balancer sends no client to a node that is not.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    private DatabaseProbe database;

    @Inject
    private TcpConnector tcp;

    @Inject
    private CommitFeedProbe feed;

    @Override
    public HealthCheckResponse call() {
        DatabaseProbe.Result db = database.probe();
        List<String> down = tcp.notListening();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("missive")
                .status(db.up() && down.isEmpty() && feed.listening())
                .withData("database", db.up() ? "up" : "down")
                .withData("databaseLatencyMillis", Double.toString(db.latencyMillis()))
                .withData("tcpListenersDown", String.join(",", down))
                .withData("commitFeed", feed.listening() ? "listening" : "down");
        if (db.error() != null) {
            response.withData("databaseError", db.error());
        }
        return response.build();
    }
}
