package io.missive.cluster.payara;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The plain (not container-managed) thread a user of the data grid runs its grid operations on.
 * Payara runs grid operations in the application's context, set up and torn down around each; on a
 * container thread, whose context the other container threads share, that teardown closed the entity
 * managers those threads were using (logins failed with "Session/EntityManager is closed"). The grid
 * holds strings only, so its operations need no context.
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
