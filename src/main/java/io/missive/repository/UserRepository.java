package io.missive.repository;

import java.util.Optional;

/** User accounts. Users are never deleted: their uids stay in stored messages. */
public interface UserRepository {

    /** Creates an account; a taken username is a {@link DuplicateEntityException}. */
    UserAccount create(String username, String passwordHash, String role);

    /**
     * Gives an account the user centre vouches for a row without a password, marked as the user
     * centre's; answers false, changing nothing, when the uid or the username has one already.
     */
    boolean addFromUserCentre(long uid, String username);

    /** Whether the uid's row was made for the user centre (not a local account, device or the system user). */
    boolean isFromUserCentre(long uid);

    Optional<UserAccount> find(long uid);

    Optional<UserAccount> findByUsername(String username);

    /** A missing uid is a {@link NoSuchEntityException}, for every setter. */
    UserAccount setDisabled(long uid, boolean disabled);

    UserAccount setRole(long uid, String role);

    UserAccount setPasswordHash(long uid, String passwordHash);
}
