package io.missive.core.session;

import java.util.concurrent.Executor;

/**
 * The thread a transport reads and writes one connection on (a Netty event loop). A mailbox bound
 * to it runs the connection's non-blocking work there, so that a frame read, a delivery or an
 * acknowledgement costs no hand-off to another thread; anything that may block still goes to the
 * mailbox's pool ({@link SerialExecutor}).
 */
public interface EventLoop extends Executor {

    /** Whether the calling thread is this loop's. */
    boolean inLoop();
}
