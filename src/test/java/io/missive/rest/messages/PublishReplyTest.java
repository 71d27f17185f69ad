package io.missive.rest.messages;

import io.missive.core.CoreFixture;
import io.missive.core.Publication;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import jakarta.ws.rs.container.AsyncResponse;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A suspended request's answer: the core's decision, or the timeout's answer when the core has not
 * decided in time, once either way. The answers are counted by which function made them (no JAX-RS
 * implementation is on the test class path to build a {@code Response}). The times passed are around
 * {@link PublishReply#TIMEOUT_MILLIS}, 30 s.
 */
class PublishReplyTest {

    private final CoreFixture fixture = new CoreFixture();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    /** Answers the request took; like Jersey's, only the first resume of a request counts. */
    private final AtomicInteger resumed = new AtomicInteger();
    private final AtomicInteger resumeCalls = new AtomicInteger();
    private final AsyncResponse async = (AsyncResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{AsyncResponse.class}, (proxy, method, args) -> {
                if (method.getName().equals("resume")) {
                    resumeCalls.incrementAndGet();
                    return resumed.compareAndSet(0, 1);
                }
                throw new AssertionError("PublishReply called AsyncResponse." + method.getName()
                        + "; it answers a request with resume only");
            });

    private PublishReply publish() {
        return publish("hi".getBytes(StandardCharsets.UTF_8));
    }

    private PublishReply publish(byte[] payload) {
        PublishReply reply = PublishReply.to(fixture.core, async, stored -> {
            accepted.incrementAndGet();
            return null;
        }, (refusal, detail) -> {
            refused.incrementAndGet();
            return null;
        }, null);
        fixture.core.publishAsSystem(reply.mailbox(),
                Publication.of(MessageId.random(), new Target.User(2), payload), reply);
        return reply;
    }

    private void passTime(long millis) {
        fixture.clock.advance(millis);
        fixture.core.deadlines().advance(fixture.clock.millis());
    }

    @Test
    void aStoredPublishIsAnsweredOnceAndItsTimeoutIsCancelled() {
        int watched = fixture.core.deadlines().size();
        publish();

        assertEquals(1, accepted.get());
        assertEquals(1, resumed.get());
        assertEquals(watched, fixture.core.deadlines().size(), "the timeout is no longer watched");
        passTime(31_000);
        assertEquals(1, resumeCalls.get(), "the timeout did not answer again");
    }

    @Test
    void aPublishTheStoreDoesNotDecideIsAnsweredAtItsTimeout() {
        fixture.store.autoCommit = false;
        int watched = fixture.core.deadlines().size();
        publish();
        assertEquals(watched + 1, fixture.core.deadlines().size());

        passTime(29_000);
        assertEquals(0, resumeCalls.get(), "not before the timeout");
        passTime(1_100);
        assertEquals(1, resumed.get(), "answered at the timeout");
        assertEquals(0, accepted.get() + refused.get(), "by the timeout's answer, not the core's");
        assertEquals(watched, fixture.core.deadlines().size());

        fixture.store.commit();   // stored late: the core still tells, the request keeps its first answer
        assertEquals(1, accepted.get());
        assertEquals(1, resumed.get());
        assertTrue(resumeCalls.get() <= 2);
    }

    @Test
    void aRefusedPublishIsAnsweredOnceAndItsTimeoutIsCancelled() {
        int watched = fixture.core.deadlines().size();
        publish(new byte[2_000]);   // over the fixture's largest payload

        assertEquals(1, refused.get());
        assertEquals(1, resumed.get());
        assertEquals(watched, fixture.core.deadlines().size());
        passTime(31_000);
        assertEquals(1, resumeCalls.get());
    }
}
