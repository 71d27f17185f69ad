package io.missive.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;

import java.util.function.Function;

/**
 * Reads outside a transaction, each on an entity manager of its own that is closed when the read
 * returns. Why not the injected {@code @PersistenceContext} entity manager: outside a transaction
 * Payara keeps the entity manager of such a call in a map of the current component invocation, and
 * a thread made by a managed thread factory gets a shallow copy of its creator's invocation, map
 * included. Missive's own threads (mailboxes, credential checks) could so share one Hibernate
 * session: a {@code ConcurrentModificationException} inside Hibernate (a publish refused as
 * "directory unavailable", seen in CI), or "Session/EntityManager is closed". Called inside a JTA
 * transaction, the entity manager made here joins it, as an application-managed one does.
 */
@ApplicationScoped
public class NonTransactionalReads {

    @PersistenceUnit(unitName = "missive")
    private EntityManagerFactory entityManagers;

    /** The result of {@code read} on a fresh entity manager; entities it returns are detached. */
    public <T> T apply(Function<EntityManager, T> read) {
        try (EntityManager em = entityManagers.createEntityManager()) {
            return read.apply(em);
        }
    }
}
