/** End users' login ({@code POST /api/auth/login}: an access token) and the tokens' public key. */
package io.missive.rest.auth;
