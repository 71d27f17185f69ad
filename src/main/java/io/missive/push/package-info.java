/**
 * The push service's business put (seed 001), apart from the HTTP stack that carries it: the container's
 * ({@code rest.push}) and the TCP connector's {@code put} listener answer with the same checks and codes.
 */
package io.missive.push;
