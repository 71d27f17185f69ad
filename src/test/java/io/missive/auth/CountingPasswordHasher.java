package io.missive.auth;

import java.util.concurrent.atomic.AtomicInteger;

/** The real hasher at its minimum work factor, counting its calls: tests check that every login costs one verification. */
class CountingPasswordHasher extends PasswordHasher {

    final AtomicInteger generated = new AtomicInteger();
    final AtomicInteger verified = new AtomicInteger();

    CountingPasswordHasher() {
        super(DEFAULT_ALGORITHM, MIN_ITERATIONS);
    }

    @Override
    public String hash(char[] password) {
        generated.incrementAndGet();
        return super.hash(password);
    }

    @Override
    public boolean verify(char[] password, String stored) {
        verified.incrementAndGet();
        return super.verify(password, stored);
    }
}
