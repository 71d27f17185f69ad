package io.missive.repository;

/** The message store's group-commit writer, as the liveness check sees it. */
public interface StoreWriter {

    /** Whether the writer thread runs; without it no publish is acknowledged again. */
    boolean isWriting();
}
