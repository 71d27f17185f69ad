/**
 * Who calls the REST API and whether the endpoint serves them. A back end presents the API key
 * ({@link io.missive.rest.security.ApiKeyFilter}, bound by {@link io.missive.rest.security.ApiKeyRequired});
 * management calls take the API key or an administrator's token
 * ({@link io.missive.rest.security.ManagementFilter}); calls open to end users take their access
 * token too ({@link io.missive.rest.security.CallerFilter}); the admin API takes an administrator's
 * token alone ({@link io.missive.rest.security.AdminFilter}). All but the first record the request's
 * {@link io.missive.rest.security.Caller}, which applies the core's group-access rule.
 */
package io.missive.rest.security;
