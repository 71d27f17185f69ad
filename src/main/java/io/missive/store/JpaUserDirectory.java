package io.missive.store;

import io.missive.core.MessagingCore;
import io.missive.core.store.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** User accounts in PostgreSQL. Users are never deleted, so known uids are cached for good. */
@ApplicationScoped
public class JpaUserDirectory implements UserDirectory {

    @PersistenceContext(unitName = "missive")
    private EntityManager em;

    private final Set<Long> known = ConcurrentHashMap.newKeySet();

    @Override
    public boolean exists(long uid) {
        if (uid == MessagingCore.SYSTEM_UID) {
            return false; // a row, but no recipient: it never logs in, so its messages would wait forever
        }
        if (known.contains(uid)) {
            return true;
        }
        if (em.find(UserEntity.class, uid) != null) {
            known.add(uid);
            return true;
        }
        return false;
    }

    @Transactional
    public UserEntity create(String username, String passwordHash, String role) {
        if (findByUsername(username).isPresent()) {
            throw new DuplicateEntityException("username " + username + " is taken");
        }
        UserEntity user = new UserEntity(username, passwordHash, role);
        em.persist(user);
        em.flush();
        return user;
    }

    public Optional<UserEntity> find(long uid) {
        return Optional.ofNullable(em.find(UserEntity.class, uid));
    }

    public Optional<UserEntity> findByUsername(String username) {
        return em.createQuery("select u from UserEntity u where u.username = :name", UserEntity.class)
                .setParameter("name", username)
                .getResultStream()
                .findFirst();
    }

    @Transactional
    public UserEntity setDisabled(long uid, boolean disabled) {
        UserEntity user = managed(uid);
        user.disabled(disabled);
        return user;
    }

    @Transactional
    public UserEntity setRole(long uid, String role) {
        UserEntity user = managed(uid);
        user.role(role);
        return user;
    }

    @Transactional
    public UserEntity setPasswordHash(long uid, String passwordHash) {
        UserEntity user = managed(uid);
        user.passwordHash(passwordHash);
        return user;
    }

    private UserEntity managed(long uid) {
        UserEntity user = em.find(UserEntity.class, uid);
        if (user == null) {
            throw new NoSuchEntityException("no user " + uid);
        }
        return user;
    }
}
