package io.missive.monitoring;

import io.missive.repository.StoreWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive: the store's group-commit writer runs. Without it no publish is ever acknowledged again,
 * and only a restart helps; a database outage, by contrast, is readiness's business.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Inject
    private StoreWriter store;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("missive-store-writer").status(store.isWriting()).build();
    }
}
