package io.missive.repository;

import java.util.function.Supplier;

/** The key that signs access tokens when none is configured, kept in the database for every node. */
public interface TokenSigningKeys {

    /**
     * The stored key (PKCS#8 DER); if there is none yet, stores {@code newKey}'s. Two nodes starting
     * at once both try; the first wins and both answer its key.
     */
    byte[] loadOrStore(Supplier<byte[]> newKey);
}
