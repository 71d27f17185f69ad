/**
 * What the core reports about its traffic: the {@link io.missive.core.stats.MessagingObserver}
 * it calls on each event, implemented outside the core (with MicroProfile Metrics at run time, a
 * no-op in unit tests), so that the core knows no metrics library.
 */
package io.missive.core.stats;
