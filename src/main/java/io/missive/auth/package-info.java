/**
 * Who may log in and who may call the back-end API. The login check behind the core's
 * {@link io.missive.core.auth.Authenticator} is either Missive's own accounts (PBKDF2 password
 * hashes, see {@link io.missive.auth.PasswordHasher}) or the seed's HTTP user centre, chosen by
 * {@code missive.auth.mode} in {@link io.missive.auth.AuthenticatorProducer}; push devices log in
 * with their registration's token ({@link io.missive.auth.DeviceRegistration},
 * {@link io.missive.auth.DeviceTokenAuthenticator}); end users' access tokens are
 * {@link io.missive.auth.AccessTokens}, administrators {@link io.missive.auth.AdminRole};
 * {@link io.missive.auth.ApiKeyCheck} checks the bearer key that business back ends present; and
 * {@link io.missive.auth.AccountStatus} is the one disable of an account, a person's or a device's.
 * Accounts are read and written through {@code io.missive.repository}.
 */
package io.missive.auth;
