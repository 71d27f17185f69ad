package io.missive.core;

import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when the test says so. */
public final class ManualClock implements InstantSource {

    private long millis = 1_700_000_000_000L;

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
        return millis;
    }

    public void advance(long deltaMillis) {
        millis += deltaMillis;
    }
}
