package io.missive.core;

import io.missive.core.model.Message;
import io.missive.core.session.SerialExecutor;
import io.missive.core.timer.Deadline;
import io.missive.core.timer.Tickable;

import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Answers a request-response publish (an HTTP publish, on the container or on the connector) once
 * the core has decided it: only after the commit (the core calls {@link #accepted} then), so a
 * success means stored. Nothing waits meanwhile. A publish the core has not decided within
 * {@link #TIMEOUT_MILLIS} (a stalled database) gets {@code timedOut}; the message may still be
 * stored later, which is what a client's retry with a client message id is for. Each request gets
 * one answer, the first: the core's, or the timeout's.
 *
 * <p>The timeout is a deadline on the core's wheel, not a timer of the request's own: JAX-RS's
 * {@code setTimeout} made Jersey schedule and cancel a task on its background scheduler for every
 * request, whose thread used about 0.1 cores at 4,700 requests per second on {@code /put}
 * (docs/benchmarks.md). A deadline set and cancelled costs two field writes; the wheel drops the
 * cancelled one when its slot comes.
 *
 * @param <R> the answer, in the edge's form
 */
public final class TimedPublishReply<R> implements PublishCallback, Tickable {

    public static final long TIMEOUT_MILLIS = 30_000;

    private final SerialExecutor mailbox;
    private final Function<Message, R> onAccepted;
    private final BiFunction<Refusal, String, R> onRefused;
    private final R timedOut;
    private final Consumer<R> answer;
    private final Deadline timeout;
    /** Confined to the mailbox, where the core's answer and the timeout's both run. */
    private boolean answered;

    private TimedPublishReply(MessagingCore core, SerialExecutor mailbox, Consumer<R> answer,
                              Function<Message, R> onAccepted, BiFunction<Refusal, String, R> onRefused, R timedOut) {
        this.mailbox = mailbox;
        this.answer = answer;
        this.onAccepted = onAccepted;
        this.onRefused = onRefused;
        this.timedOut = timedOut;
        this.timeout = core.deadlines().watch(this);
        timeout.set(core.clock().millis() + TIMEOUT_MILLIS);
    }

    /**
     * A reply given to {@code answer} on {@code mailbox}, which must be the executor the publish is
     * made with: the core's answer and the timeout's run there, one after the other.
     */
    public static <R> TimedPublishReply<R> on(MessagingCore core, SerialExecutor mailbox, Consumer<R> answer,
                                              Function<Message, R> onAccepted,
                                              BiFunction<Refusal, String, R> onRefused, R timedOut) {
        return new TimedPublishReply<>(core, mailbox, answer, onAccepted, onRefused, timedOut);
    }

    /** The mailbox to publish on. */
    public SerialExecutor mailbox() {
        return mailbox;
    }

    /** The answer is written, never waited for: it may run on the mailbox's event loop. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public void accepted(Message stored) {
        answer(onAccepted.apply(stored));
    }

    @Override
    public void refused(Refusal refusal, String detail) {
        answer(onRefused.apply(refusal, detail));
    }

    /** On the wheel's thread: the answer is given on the mailbox. */
    @Override
    public void fire(long nowMillis) {
        timeout.cancel();
        mailbox.executeNonBlocking(() -> answer(timedOut));
    }

    private void answer(R value) {
        timeout.cancel();
        if (!answered) {
            answered = true;
            answer.accept(value);
        }
    }
}
