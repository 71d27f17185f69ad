package io.missive.store;

/** A management call would create something that exists already (a taken username). */
public class DuplicateEntityException extends RuntimeException {

    public DuplicateEntityException(String message) {
        super(message);
    }
}
