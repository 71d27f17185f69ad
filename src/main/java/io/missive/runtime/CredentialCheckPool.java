package io.missive.runtime;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads logins are checked on (a PBKDF2 of 600,000 rounds, or a user-centre call), apart from
 * the {@link MailboxPool} every connection shares: a few threads and a bounded queue. When both are
 * full, {@link #execute} throws {@code RejectedExecutionException} and the login is refused at once
 * as "server unavailable" ({@code io.missive.core.auth.CredentialChecks}), so that a flood of logins
 * costs these threads and nothing else.
 */
@ApplicationScoped
public class CredentialCheckPool extends ContainerThreadPool {

    @Inject
    @ConfigProperty(name = "missive.auth.check-threads", defaultValue = "0")
    private int configuredThreads;

    @Inject
    @ConfigProperty(name = "missive.auth.check-queue", defaultValue = "64")
    private int queue;

    @Override
    ThreadPoolExecutor create(ManagedThreadFactory threads) {
        if (configuredThreads < 0 || queue < 0) {
            throw new IllegalStateException("missive.auth.check-threads (" + configuredThreads
                    + ") must be 0 (half the processors) or more and missive.auth.check-queue (" + queue + ") 0 or more");
        }
        // by default half the cores at most, so that a flood of logins from many addresses (which no
        // per-address rule stops) leaves the other half to everyone's messages
        int threadCount = configuredThreads > 0 ? configuredThreads
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new ThreadPoolExecutor(threadCount, threadCount, 60, TimeUnit.SECONDS,
                queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue), threads,
                new ThreadPoolExecutor.AbortPolicy());
    }
}
