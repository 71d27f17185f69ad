/**
 * Where a committed message goes: to the recipients' sessions on this node, and through a
 * {@link io.missive.core.routing.ClusterRelay} to sessions on other nodes. This release ships
 * the single-node relay; a cluster implementation fills the same interface.
 */
package io.missive.core.routing;
