package io.missive.core.timer;

/** The owner of a {@link Deadline}: told when it has passed. */
public interface Tickable {

    /** The deadline has passed, and is cleared. Called on the wheel's thread: hand the work off, never block. */
    void fire(long nowMillis);
}
