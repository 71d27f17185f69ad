package io.missive.core.store;

/** Which users exist, as the core needs to know before accepting a private message. */
public interface UserDirectory {

    boolean exists(long uid);
}
