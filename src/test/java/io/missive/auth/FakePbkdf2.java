package io.missive.auth;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for the container's PBKDF2 (cheap and transparent): "fake:<salt>:<password>". */
class FakePbkdf2 implements Pbkdf2PasswordHash {

    Map<String, String> parameters;
    final AtomicInteger generated = new AtomicInteger();
    final AtomicInteger verified = new AtomicInteger();
    private final AtomicInteger salt = new AtomicInteger();

    @Override
    public void initialize(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    @Override
    public String generate(char[] password) {
        generated.incrementAndGet();
        return "fake:" + salt.incrementAndGet() + ":" + new String(password);
    }

    @Override
    public boolean verify(char[] password, String hashedPassword) {
        verified.incrementAndGet();
        String[] parts = hashedPassword.split(":", 3);
        if (parts.length != 3 || !parts[0].equals("fake")) {
            throw new IllegalArgumentException("Bad hash encoding");
        }
        return parts[2].equals(new String(password));
    }
}
