package io.missive.runtime;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool of threads made by the container's {@link ManagedThreadFactory}, so that they carry
 * the application's context from the start, made at its first task (once the configuration is
 * injected) and stopped with the application.
 */
abstract class ContainerThreadPool implements Executor {

    @Resource
    private ManagedThreadFactory threads;

    private volatile ThreadPoolExecutor pool;

    /** Makes the pool from the configuration, with {@code threads}; throws for a bad configuration. */
    abstract ThreadPoolExecutor create(ManagedThreadFactory threads);

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
                    p = create(threads);
                    pool = p;
                }
            }
        }
        return p;
    }

    /** Lets running tasks finish for up to 5 s, then interrupts them. */
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
