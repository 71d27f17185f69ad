package io.missive.core.store;

/** Which users exist, as the core needs to know before accepting a private message. */
public interface UserDirectory {

    /** Whether the user exists; may block (a read of the directory). */
    boolean exists(long uid);

    /**
     * Whether the user is known to exist without reading anything: true only from what is cached;
     * false says nothing (ask {@link #exists}). Never blocks.
     */
    default boolean knownToExist(long uid) {
        return false;
    }
}
