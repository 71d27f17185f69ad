/**
 * Every failure of a REST call, whatever raised it, leaves as a JSON
 * {@link io.missive.rest.errors.ApiError} with the matching status: the resources'
 * {@link io.missive.rest.errors.ApiException}, the repository's missing and duplicate entities,
 * malformed JSON, broken validation rules, JAX-RS's own errors and anything unexpected (logged).
 */
package io.missive.rest.errors;
