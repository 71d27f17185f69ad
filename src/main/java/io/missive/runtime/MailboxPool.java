package io.missive.runtime;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The threads that run every connection's mailbox: a fixed pool of threads made by the
 * container's {@link ManagedThreadFactory}, so they carry the application's context from the
 * start.
 *
 * <p>Why not the container's {@code ManagedExecutorService}: it captures and restores the
 * submitter's context on every task, and on Payara that costs a class-path scan per task
 * (profiled: the largest share of the server's CPU at a few thousand messages per second, with
 * several mailbox tasks per message). Here the context is set up once per thread. The pool is
 * larger than the number of processors because a mailbox task may block for a while (a login
 * checked by a remote user centre, a page of pending messages read from PostgreSQL).
 */
@ApplicationScoped
public class MailboxPool implements Executor {

    private static final Logger LOG = Logger.getLogger(MailboxPool.class.getName());

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "missive.core.threads", defaultValue = "0")
    private int configuredThreads;

    private volatile ThreadPoolExecutor pool;

    @Override
    public void execute(Runnable task) {
        pool().execute(task);
    }

    private ThreadPoolExecutor pool() {
        ThreadPoolExecutor p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    if (configuredThreads < 0) {
                        throw new IllegalStateException("missive.core.threads: " + configuredThreads
                                + " is negative (0 means 4 per processor, at least 8)");
                    }
                    int size = configuredThreads > 0 ? configuredThreads
                            : Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
                    p = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
                    pool = p;
                    int threadCount = size;
                    LOG.info(() -> "MSV1010 Connection mailboxes run on " + threadCount + " threads");
                }
            }
        }
        return p;
    }

    @PreDestroy
    synchronized void stop() {
        if (pool != null) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
            pool = null;
        }
    }
}
