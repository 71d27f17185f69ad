package io.missive.rest.messages;

import io.missive.core.MessagingCore;
import io.missive.core.PublishCallback;
import io.missive.core.Refusal;
import io.missive.core.model.Message;
import io.missive.core.session.SerialExecutor;
import io.missive.core.timer.Deadline;
import io.missive.core.timer.Tickable;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Answers a suspended HTTP request when the core has decided a publish: only after the commit
 * (the core calls {@link #accepted} then), so a 200 means stored. No request thread waits
 * meanwhile. A publish the core has not decided within {@link #TIMEOUT_MILLIS} (a stalled
 * database) is answered by {@code timedOut}; the message may still be stored later, which is
 * what a client's retry with a client message id is for.
 *
 * <p>The timeout is a deadline on the core's wheel, not the request's own timer: JAX-RS's
 * {@code setTimeout} made Jersey schedule and cancel a task on its background scheduler for every
 * request, whose thread used about 0.1 cores at 4,700 requests per second on {@code /put}
 * (docs/benchmarks.md). A deadline set and cancelled costs two field writes; the wheel drops the
 * cancelled one when its slot comes.
 */
public final class PublishReply implements PublishCallback, Tickable {

    static final long TIMEOUT_MILLIS = 30_000;

    private final AsyncResponse async;
    private final SerialExecutor mailbox;
    private final Function<Message, Response> onAccepted;
    private final BiFunction<Refusal, String, Response> onRefused;
    private final Response timedOut;
    private final Deadline timeout;

    private PublishReply(MessagingCore core, AsyncResponse async, Function<Message, Response> onAccepted,
                         BiFunction<Refusal, String, Response> onRefused, Response timedOut) {
        this.async = async;
        this.mailbox = core.newMailbox();
        this.onAccepted = onAccepted;
        this.onRefused = onRefused;
        this.timedOut = timedOut;
        this.timeout = core.deadlines().watch(this);
        timeout.set(core.clock().millis() + TIMEOUT_MILLIS);
    }

    /**
     * A reply to {@code async}, which gets {@code timedOut} if the core takes too long. Publish it on
     * {@link #mailbox()}, where the timeout's answer is sent too.
     */
    public static PublishReply to(MessagingCore core, AsyncResponse async, Function<Message, Response> onAccepted,
                                  BiFunction<Refusal, String, Response> onRefused, Response timedOut) {
        return new PublishReply(core, async, onAccepted, onRefused, timedOut);
    }

    /** The mailbox to publish on: the core's answer and the timeout's run there, one after the other. */
    public SerialExecutor mailbox() {
        return mailbox;
    }

    @Override
    public void accepted(Message stored) {
        timeout.cancel();
        async.resume(onAccepted.apply(stored));
    }

    @Override
    public void refused(Refusal refusal, String detail) {
        timeout.cancel();
        async.resume(onRefused.apply(refusal, detail));
    }

    /** On the wheel's thread: the answer is written on the mailbox. A request answered already stays as it was. */
    @Override
    public void fire(long nowMillis) {
        timeout.cancel();
        mailbox.execute(() -> async.resume(timedOut));
    }
}
