/**
 * The admin API under {@code /api/admin}: what operators and the admin console at {@code /admin}
 * call, with an administrator's access token only ({@link io.missive.rest.AdminRequired}). Server
 * status, the live connections of every protocol with their kick, msgd's inject, pending-message
 * counts, and browsing users, groups and devices. Resources validate and hand over to the core
 * (connections), the store (searches, pending counts) and {@code io.missive.monitoring} (figures);
 * the JSON records they answer live here too. Documented in {@code docs/operations.md}.
 */
package io.missive.admin;

import io.missive.rest.security.AdminRequired;
