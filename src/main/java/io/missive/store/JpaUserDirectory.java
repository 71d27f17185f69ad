package io.missive.store;

import io.missive.core.MessagingCore;
import io.missive.core.store.UserDirectory;
import io.missive.repository.DuplicateEntityException;
import io.missive.repository.NoSuchEntityException;
import io.missive.repository.UserAccount;
import io.missive.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** User accounts in PostgreSQL. Users are never deleted, so known uids are cached for good. */
@ApplicationScoped
public class JpaUserDirectory implements UserDirectory, UserRepository {

    @PersistenceContext(unitName = "missive")
    private EntityManager em;

    @Inject
    private NonTransactionalReads reads;

    private final Set<Long> known = ConcurrentHashMap.newKeySet();

    @Override
    public boolean exists(long uid) {
        if (uid == MessagingCore.SYSTEM_UID) {
            return false; // a row, but no recipient: it never logs in, so its messages would wait forever
        }
        if (known.contains(uid)) {
            return true;
        }
        if (reads.apply(r -> r.find(UserEntity.class, uid)) != null) {
            known.add(uid);
            return true;
        }
        return false;
    }

    @Override
    public boolean knownToExist(long uid) {
        return known.contains(uid);   // never the system user's
    }

    @Override
    @Transactional
    public UserAccount create(String username, String passwordHash, String role) {
        if (findByUsername(em, username).isPresent()) {
            throw taken(username, null);
        }
        UserEntity user = new UserEntity(username, passwordHash, role);
        try {
            em.persist(user);
            em.flush();
        } catch (PersistenceException e) {
            throw UniqueViolations.isUniqueViolation(e) ? taken(username, e) : e;   // lost a race for the name
        }
        return account(user);
    }

    private static DuplicateEntityException taken(String username, Throwable cause) {
        return new DuplicateEntityException("username '" + username + "' is taken", cause);
    }

    @Override
    @Transactional
    public boolean addFromUserCentre(long uid, String username) {
        boolean added = em.createNativeQuery("INSERT INTO users (uid, username) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, uid)
                .setParameter(2, username)
                .executeUpdate() == 1;
        if (added) {
            em.createNativeQuery("INSERT INTO user_centre_accounts (uid) VALUES (?1)").setParameter(1, uid).executeUpdate();
        }
        return added;
    }

    @Override
    public boolean isFromUserCentre(long uid) {
        return reads.apply(r -> !r.createNativeQuery("SELECT 1 FROM user_centre_accounts WHERE uid = ?1")
                .setParameter(1, uid).getResultList().isEmpty());
    }

    @Override
    public Optional<UserAccount> find(long uid) {
        return Optional.ofNullable(reads.apply(r -> r.find(UserEntity.class, uid))).map(JpaUserDirectory::account);
    }

    @Override
    public Optional<UserAccount> findByUsername(String username) {
        return reads.apply(r -> findByUsername(r, username));
    }

    private static Optional<UserAccount> findByUsername(EntityManager em, String username) {
        return em.createQuery("select u from UserEntity u where u.username = :name", UserEntity.class)
                .setParameter("name", username)
                .getResultStream()
                .findFirst()
                .map(JpaUserDirectory::account);
    }

    @Override
    @Transactional
    public UserAccount setDisabled(long uid, boolean disabled) {
        return change(uid, user -> user.disabled(disabled));
    }

    @Override
    @Transactional
    public UserAccount setRole(long uid, String role) {
        return change(uid, user -> user.role(role));
    }

    @Override
    @Transactional
    public UserAccount setPasswordHash(long uid, String passwordHash) {
        return change(uid, user -> user.passwordHash(passwordHash));
    }

    private UserAccount change(long uid, Consumer<UserEntity> change) {
        UserEntity user = em.find(UserEntity.class, uid);
        if (user == null) {
            throw new NoSuchEntityException("no user " + uid);
        }
        change.accept(user);
        return account(user);
    }

    private static UserAccount account(UserEntity u) {
        return new UserAccount(u.uid(), u.username(), u.passwordHash(), u.role(), u.disabled(), u.createdAt());
    }
}
