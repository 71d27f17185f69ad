/**
 * Deadlines without a timer per connection: each connection and session holds a
 * {@link io.missive.core.timer.Deadline} on one {@link io.missive.core.timer.DeadlineWheel}, which a
 * periodic advance turns (the container's scheduled executor, or a test's hand); an advance costs
 * what comes due, not what is held.
 */
package io.missive.core.timer;
