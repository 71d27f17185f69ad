/**
 * What the core needs from storage, as interfaces: the message log with its delivery cursors,
 * and the directories of users and groups. The {@code io.missive.store} package implements
 * them on PostgreSQL; unit tests of the core implement them in memory.
 */
package io.missive.core.store;
