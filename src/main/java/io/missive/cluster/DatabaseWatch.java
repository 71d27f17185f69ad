package io.missive.cluster;

import io.missive.core.MessagingCore;
import io.missive.core.session.CloseReason;

import java.util.logging.Logger;

/**
 * A node of a cluster that cannot reach PostgreSQL can neither store nor deliver: after a few failed
 * probes in a row it closes its clients' sessions, once, so that they reconnect to a node that can
 * (the board shows this one not ready, so the gateways send none back). One node alone keeps its
 * clients: there is nowhere else to go, and they resume once the database is back.
 */
final class DatabaseWatch {

    private static final Logger LOG = Logger.getLogger(DatabaseWatch.class.getName());

    private final MessagingCore core;
    private final int failuresBeforeShedding;
    private int failures;

    DatabaseWatch(MessagingCore core, int failuresBeforeShedding) {
        this.core = core;
        this.failuresBeforeShedding = failuresBeforeShedding;
    }

    /** One more probe's outcome; on one thread, every board refresh. */
    void probed(boolean databaseUp) {
        if (databaseUp) {
            if (failures >= failuresBeforeShedding) {
                LOG.info("MSV6010 The database answers again; this node takes clients again");
            }
            failures = 0;
            return;
        }
        failures++;
        if (failures == failuresBeforeShedding) {
            int sessions = core.sessions().count();
            LOG.warning(() -> "MSV6009 This node has not reached its database " + failures + " times in a row; it"
                    + " closes its " + sessions + " sessions so that their clients reconnect to another node");
            core.disconnectAll(CloseReason.DATABASE_UNREACHABLE);
        }
    }
}
