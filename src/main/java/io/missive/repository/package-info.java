/**
 * What the edges (REST, admin, auth, monitoring) need from storage, as interfaces and plain
 * records: accounts, groups and devices to manage, operators' listings and pending
 * counts, history pages, the token signing key, and the database's and the writer's health.
 * {@code io.missive.store} implements them on PostgreSQL; nothing here knows JPA or JDBC. Writes
 * that would duplicate a unique value fail with {@link io.missive.repository.DuplicateEntityException},
 * writes naming something missing with {@link io.missive.repository.NoSuchEntityException}.
 */
package io.missive.repository;
