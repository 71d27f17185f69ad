/**
 * The admin API under {@code /api/admin}: what operators and the admin console at {@code /admin}
 * call, with an administrator's access token only ({@code io.missive.rest.security.AdminRequired}).
 * Server status, the live connections of every protocol with their kick, msgd's inject, pending-message
 * counts, and browsing users, groups and devices, and disabling a device. Resources validate and hand
 * over to the core (connections), {@code io.missive.repository} (searches, pending counts), the one
 * disable of {@code io.missive.auth.AccountStatus} and {@code io.missive.monitoring} (figures); the
 * JSON records they answer live here too. Documented in {@code docs/operations.md}.
 */
package io.missive.admin;
