package io.missive.rest.security;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a resource method behind {@link CallerFilter}: a back end with the API key, or an end
 * user with an access token from {@code POST /api/auth/login}. The method then finds out who
 * called with {@link Caller#of}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CallerRequired {
}
