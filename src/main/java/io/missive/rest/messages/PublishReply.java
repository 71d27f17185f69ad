package io.missive.rest.messages;

import io.missive.core.PublishCallback;
import io.missive.core.Refusal;
import io.missive.core.model.Message;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Answers a suspended HTTP request when the core has decided a publish: only after the commit
 * (the core calls {@link #accepted} then), so a 200 means stored. No request thread waits
 * meanwhile. A publish the core has not decided within {@link #TIMEOUT_SECONDS} (a stalled
 * database) is answered by {@code timedOut}; the message may still be stored later, which is
 * what a client's retry with a client message id is for.
 */
public final class PublishReply implements PublishCallback {

    static final long TIMEOUT_SECONDS = 30;

    private final AsyncResponse async;
    private final Function<Message, Response> onAccepted;
    private final BiFunction<Refusal, String, Response> onRefused;

    private PublishReply(AsyncResponse async, Function<Message, Response> onAccepted,
                         BiFunction<Refusal, String, Response> onRefused) {
        this.async = async;
        this.onAccepted = onAccepted;
        this.onRefused = onRefused;
    }

    /** A reply to {@code async}, which gets {@code timedOut} if the core takes too long. */
    public static PublishReply to(AsyncResponse async, Function<Message, Response> onAccepted,
                           BiFunction<Refusal, String, Response> onRefused, Response timedOut) {
        async.setTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        async.setTimeoutHandler(r -> r.resume(timedOut));
        return new PublishReply(async, onAccepted, onRefused);
    }

    @Override
    public void accepted(Message stored) {
        async.resume(onAccepted.apply(stored));
    }

    @Override
    public void refused(Refusal refusal, String detail) {
        async.resume(onRefused.apply(refusal, detail));
    }
}
