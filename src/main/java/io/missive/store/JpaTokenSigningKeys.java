package io.missive.store;

import io.missive.repository.TokenSigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.function.Supplier;

/** {@link TokenSigningKeys} in PostgreSQL; an insert that loses the race changes nothing (ON CONFLICT). */
@ApplicationScoped
public class JpaTokenSigningKeys implements TokenSigningKeys {

    @PersistenceContext(unitName = "missive")
    private EntityManager em;

    @Override
    @Transactional
    public byte[] loadOrStore(Supplier<byte[]> newKey) {
        byte[] stored = load();
        if (stored != null) {
            return stored;
        }
        em.createNativeQuery("INSERT INTO token_signing_keys (id, private_key) VALUES (1, ?1) ON CONFLICT (id) DO NOTHING")
                .setParameter(1, newKey.get())
                .executeUpdate();
        return load();
    }

    private byte[] load() {
        List<?> rows = em.createNativeQuery("SELECT private_key FROM token_signing_keys WHERE id = 1").getResultList();
        return rows.isEmpty() ? null : (byte[]) rows.get(0);
    }
}
