package io.missive.core.session;

/** What happens when a user who is already connected logs in again. */
public enum DuplicateLoginPolicy {
    /** The new login is refused (the binary protocol's code 1). The default, as the seed says. */
    REFUSE,
    /** The new login wins; the old session is disconnected. */
    REPLACE,
    /** Both stay; every session gets every message. */
    MULTIPLE
}
