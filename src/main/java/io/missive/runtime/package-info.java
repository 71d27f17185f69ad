/**
 * Wiring: builds the messaging core from configuration (MicroProfile Config) with the
 * container's threads and the PostgreSQL store, and drives its periodic work.
 */
package io.missive.runtime;
