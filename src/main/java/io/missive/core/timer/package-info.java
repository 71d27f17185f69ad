/**
 * Deadlines without a timer per connection: one periodic scan asks each registered
 * {@link io.missive.core.timer.Tickable} whether its deadline has passed. The scan is driven
 * from outside (the container's scheduled executor, or a test's hand).
 */
package io.missive.core.timer;
