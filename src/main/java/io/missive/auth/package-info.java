/**
 * Who may log in and who may call the back-end API. The login check behind the core's
 * {@link io.missive.core.auth.Authenticator} is either Missive's own accounts in PostgreSQL
 * (PBKDF2 password hashes, see {@link io.missive.auth.PasswordHasher}) or the seed's HTTP user
 * centre, chosen by {@code missive.auth.mode} in {@link io.missive.auth.AuthenticatorProducer};
 * {@link io.missive.auth.ApiKeyCheck} checks the bearer key that business back ends present.
 */
package io.missive.auth;
