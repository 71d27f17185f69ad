/** How the core checks a login: a pluggable {@link io.missive.core.auth.Authenticator}. */
package io.missive.core.auth;
