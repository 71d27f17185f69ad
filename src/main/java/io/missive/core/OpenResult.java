package io.missive.core;

import io.missive.core.session.ClientSession;

/** The answer to opening a session after a good login. */
public sealed interface OpenResult {

    record Opened(ClientSession session) implements OpenResult {
    }

    /** The user is connected already and the duplicate-login policy refuses another session. */
    record Duplicate() implements OpenResult {
    }
}
