package io.missive.repository;

/**
 * A write would create something that exists already (a taken username, a serial number two
 * registrations raced for). The store turns every unique-constraint violation into this, so that
 * no caller reads database error codes.
 */
public class DuplicateEntityException extends RuntimeException {

    public DuplicateEntityException(String message) {
        super(message);
    }

    public DuplicateEntityException(String message, Throwable cause) {
        super(message, cause);
    }
}
