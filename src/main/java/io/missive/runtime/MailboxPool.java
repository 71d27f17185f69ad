package io.missive.runtime;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
 * larger than the number of processors because a mailbox task may block for a while (a page of
 * pending messages read from PostgreSQL); logins are checked elsewhere ({@link CredentialCheckPool}).
 * A TCP connection's work that never blocks runs on its Netty event loop instead (see
 * {@code SerialExecutor}); a container WebSocket connection's runs on the container's thread that hands it a
 * message when its mailbox is idle, and here otherwise.
 */
@ApplicationScoped
public class MailboxPool extends ContainerThreadPool {

    private static final Logger LOG = Logger.getLogger(MailboxPool.class.getName());

    @Inject
    @ConfigProperty(name = "missive.core.threads", defaultValue = "0")
    private int configuredThreads;

    @Override
    ThreadPoolExecutor create(ManagedThreadFactory threads) {
        if (configuredThreads < 0) {
            throw new IllegalStateException("missive.core.threads: " + configuredThreads
                    + " is negative (0 means 4 per processor, at least 8)");
        }
        int size = configuredThreads > 0 ? configuredThreads
                : Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        LOG.info(() -> "MSV1010 Connection mailboxes run on " + size + " threads");
        return new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    }
}
