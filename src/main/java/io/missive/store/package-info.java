/**
 * PostgreSQL storage, implementing the core's store interfaces. Accounts, groups and
 * conversations are JPA entities managed through the container's persistence context. The
 * message hot path (group commit, sequence allocation, catch-up reads) runs plain JDBC inside
 * the same JTA transactions, because it batches hundreds of rows per statement and a managed
 * entity per message would cost more than the write itself.
 */
package io.missive.store;
