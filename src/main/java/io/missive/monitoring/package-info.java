/**
 * Operations: the core's traffic as MicroProfile Metrics ({@link io.missive.monitoring.TrafficMetrics},
 * the core's {@link io.missive.core.stats.MessagingObserver}), the pending backlog computed in the
 * background ({@link io.missive.monitoring.PendingBacklog}), the database probe, and MicroProfile
 * Health's liveness and readiness checks. The admin API reads the same figures. What every metric
 * means is in {@code docs/operations.md}.
 */
package io.missive.monitoring;
