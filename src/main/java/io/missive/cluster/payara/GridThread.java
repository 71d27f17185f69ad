package io.missive.cluster.payara;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The plain (not container-managed) thread a user of the data grid runs its grid operations on. With
 * grid operations on container threads (the container's scheduler, a managed thread), logins on
 * every container thread soon failed with "Session/EntityManager is closed"; with them on plain
 * threads they never did (ClusterIT). The likely cause, found later: entity managers of reads
 * outside a transaction were kept in a component invocation that container threads share (see
 * {@code store.NonTransactionalReads}, which those reads use now). The grid holds strings only, so
 * its operations need no context, and plain threads stay.
 */
final class GridThread {

    private GridThread() {
    }

    /** One daemon thread named {@code name}, running the tasks in order (scheduled ones too). */
    static ScheduledExecutorService named(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
