package io.missive.repository;

/** A user, group or membership that a management call names does not exist. */
public class NoSuchEntityException extends RuntimeException {

    public NoSuchEntityException(String message) {
        super(message);
    }
}
