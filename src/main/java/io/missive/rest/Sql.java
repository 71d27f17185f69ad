package io.missive.rest;

import java.sql.SQLException;

/** Reads database failures out of exception chains. */
final class Sql {

    /** PostgreSQL's unique_violation. */
    static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
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
