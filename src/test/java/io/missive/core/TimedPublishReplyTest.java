package io.missive.core;

import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request-response publish's answer: the core's decision, or the timeout's when the core has not
 * decided in time, once either way. The times passed are around {@link TimedPublishReply#TIMEOUT_MILLIS}, 30 s.
 */
class TimedPublishReplyTest {

    private final CoreFixture fixture = new CoreFixture();
    /** The answers given, in order. */
    private final List<String> answers = new ArrayList<>();

    private void publish() {
        publish("hi".getBytes(StandardCharsets.UTF_8));
    }

    private void publish(byte[] payload) {
        TimedPublishReply<String> reply = TimedPublishReply.on(fixture.core, fixture.core.newMailbox(), answers::add,
                stored -> "stored", (refusal, detail) -> "refused " + refusal, "timed out");
        fixture.core.publishAsSystem(reply.mailbox(),
                Publication.of(MessageId.random(), new Target.User(2), payload), reply);
    }

    private void passTime(long millis) {
        fixture.clock.advance(millis);
        fixture.core.deadlines().advance(fixture.clock.millis());
    }

    @Test
    void aStoredPublishIsAnsweredOnceAndItsTimeoutIsCancelled() {
        int watched = fixture.core.deadlines().size();
        publish();

        assertThat(answers).containsExactly("stored");
        assertThat(fixture.core.deadlines().size()).as("the timeout is no longer watched").isEqualTo(watched);
        passTime(31_000);
        assertThat(answers).as("the timeout did not answer again").containsExactly("stored");
    }

    @Test
    void aPublishTheStoreDoesNotDecideIsAnsweredAtItsTimeoutAndOnlyThen() {
        fixture.store.autoCommit = false;
        int watched = fixture.core.deadlines().size();
        publish();
        assertThat(fixture.core.deadlines().size()).isEqualTo(watched + 1);

        passTime(29_000);
        assertThat(answers).as("not before the timeout").isEmpty();
        passTime(1_100);
        assertThat(answers).containsExactly("timed out");
        assertThat(fixture.core.deadlines().size()).isEqualTo(watched);

        fixture.store.commit();   // stored late: the request keeps its first answer
        assertThat(answers).containsExactly("timed out");
    }

    @Test
    void aRefusedPublishIsAnsweredOnceAndItsTimeoutIsCancelled() {
        int watched = fixture.core.deadlines().size();
        publish(new byte[2_000]);   // over the fixture's largest payload

        assertThat(answers).containsExactly("refused PAYLOAD_TOO_LARGE");
        assertThat(fixture.core.deadlines().size()).isEqualTo(watched);
        passTime(31_000);
        assertThat(answers).hasSize(1);
    }
}
