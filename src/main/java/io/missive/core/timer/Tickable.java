package io.missive.core.timer;

/** Something with a deadline that the {@link DeadlineScanner} watches. */
public interface Tickable {

    /** Epoch millis of the next deadline, or {@link Long#MAX_VALUE} for none. Read often: keep it a field read. */
    long deadline();

    /** The deadline has passed. Called on the scanning thread: hand the work off, never block. */
    void fire(long nowMillis);
}
