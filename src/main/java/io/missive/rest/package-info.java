/**
 * The REST API under {@code /api}: the management calls that business back ends make (users,
 * groups and memberships), each protected by the bearer API key ({@link io.missive.rest.ApiKeyFilter},
 * bound by {@link io.missive.rest.ApiKeyRequired}). Resources are thin: they validate, call the
 * store's directories and map results; every error, whatever raised it, leaves as a JSON
 * {@link io.missive.rest.ApiError} with the matching status.
 */
package io.missive.rest;
