/**
 * PostgreSQL storage, and the only package that knows JPA and JDBC: it implements the core's store
 * interfaces ({@code io.missive.core.store}) and the edges' ({@code io.missive.repository}). Users,
 * groups, memberships, devices and conversations are JPA entities managed through the container's
 * persistence context ({@code Jpa*} classes). The message hot path ({@link io.missive.store.JdbcMessageStore}:
 * group commit, sequence allocation, catch-up reads), MQTT's store, history, searches and counts run
 * plain JDBC ({@code Jdbc*} classes) inside the same JTA transactions, because they batch hundreds of
 * rows per statement and a managed entity per message would cost more than the write itself. Every
 * unique violation leaves as {@link io.missive.repository.DuplicateEntityException}.
 */
package io.missive.store;
