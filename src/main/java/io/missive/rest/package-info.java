/**
 * The REST API under {@code /api}, one package per feature: {@code users} (accounts),
 * {@code groups} (groups, members, a user's groups), {@code messages} (publishing and history),
 * {@code push} (seed 001's {@code /registration} and {@code /put}, channel subscribers), {@code auth}
 * (login, the token keys); {@code security} says who calls and whom each endpoint serves,
 * {@code errors} turns every failure into a JSON {@code ApiError}. This package holds what they
 * share: the application with its OpenAPI definition and the shared error answers
 * ({@link io.missive.rest.CommonResponses}), the input rules, the request body limit and the strict
 * boolean reader. Resources are thin: they validate, call the core, {@code io.missive.auth} or the
 * {@code io.missive.repository} interfaces, and map the results to JSON records.
 */
package io.missive.rest;
