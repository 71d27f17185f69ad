package io.missive.store;

import io.missive.repository.DuplicateEntityException;

import java.sql.SQLException;

/** Turns PostgreSQL's unique_violation, wherever it sits in an exception chain, into the one exception callers see. */
final class UniqueViolations {

    /** PostgreSQL's unique_violation. */
    static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    /** A {@link DuplicateEntityException} saying {@code what} if {@code e} is a unique violation, else {@code e}. */
    static RuntimeException translate(RuntimeException e, String what) {
        return isUniqueViolation(e) ? new DuplicateEntityException(what, e) : e;
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable c = e; c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
