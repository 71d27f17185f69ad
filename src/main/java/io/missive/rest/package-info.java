/**
 * The REST API under {@code /api}: the management calls of business back ends (users, groups and
 * memberships) and their publishing ({@code /api/messages}), the push service of seed 001
 * ({@code /registration}, {@code /put}, forwarded by {@link io.missive.rest.SeedPaths}), and what
 * end users read with an access token from {@code /api/auth/login} (history, their groups).
 * Back-end calls are protected by the bearer API key ({@link io.missive.rest.ApiKeyFilter}, bound by
 * {@link io.missive.rest.ApiKeyRequired}); management calls by the API key or an administrator's
 * token ({@link io.missive.rest.ManagementFilter}); calls open to end users too by
 * {@link io.missive.rest.CallerFilter} ({@link io.missive.rest.CallerRequired}); the admin API
 * ({@code io.missive.admin}) by an administrator's token alone ({@link io.missive.rest.AdminFilter}).
 * All but the first record the {@link io.missive.rest.Caller}. Resources are thin: they validate, call the core or the store's
 * directories and map results; a publish is answered from a suspended request once the core says
 * it is committed ({@link io.missive.rest.PublishReply}). Every error, whatever raised it, leaves as
 * a JSON {@link io.missive.rest.ApiError} with the matching status (the seed's push calls: the
 * seed's {@code {"code","msg"}}).
 */
package io.missive.rest;
