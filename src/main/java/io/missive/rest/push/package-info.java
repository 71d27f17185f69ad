/**
 * The push service of seed 001: device registration and {@code /put}, at the seed's own paths
 * ({@link io.missive.rest.push.SeedPaths} forwards them) with the seed's {@code {"code","msg"}}
 * answers, and the management of push channels' subscribers.
 */
package io.missive.rest.push;
