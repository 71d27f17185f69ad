/**
 * Operations: the core's traffic as MicroProfile Metrics ({@link io.missive.monitoring.TrafficMetrics},
 * the core's {@link io.missive.core.stats.MessagingObserver}), the pending backlog counted in the
 * background ({@link io.missive.monitoring.PendingBacklog}), and MicroProfile Health's liveness (the
 * store's writer runs) and readiness (the database probe answers, the TCP listeners are bound)
 * checks, on {@code io.missive.repository}'s interfaces. The admin API reads the same figures. What
 * every metric means is in {@code docs/operations.md}.
 */
package io.missive.monitoring;
