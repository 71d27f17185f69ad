package io.missive.core;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The threads the core hands its work to.
 *
 * @param mailboxes        the pool every connection's mailbox runs on
 * @param credentialChecks the bounded executor logins are checked on (see {@link CredentialChecks}); it
 *                         throws {@link RejectedExecutionException} when full
 * @param recipientReads   where a member set that is not cached is read for a route, off the thread that
 *                         routes (the store's writer): a pool whose threads may block on the database
 * @param pendingReads     where a session catching up reads its next page of pending messages, off its
 *                         mailbox so that it goes on sending meanwhile: a pool whose threads may block on
 *                         the database
 */
public record CoreExecutors(Executor mailboxes, Executor credentialChecks, Executor recipientReads,
                            Executor pendingReads) {
}
