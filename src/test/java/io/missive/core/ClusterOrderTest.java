package io.missive.core;

import io.missive.core.model.Message;
import io.missive.core.model.MessageDraft;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.routing.CommitNotice;
import io.missive.core.routing.OrderedRelay;
import io.missive.core.store.AppendListener;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node of a cluster delivers every commit, its own and the other nodes', in the database's
 * commit order (design/cluster.md, "Why payloads must not travel over Hazelcast"). The feed is
 * played by hand here: each test hands the relay the notices the database would send, in order.
 */
class ClusterOrderTest {

    private final List<List<CommitNotice.Committed>> reads = new ArrayList<>();
    private final OrderedRelay relay = new OrderedRelay("B", places -> {
        reads.add(places);
        return places.stream().map(this::stored).toList();
    }, Duration.ofMillis(50));
    private final CoreFixture node = new CoreFixture(relay);

    @Test
    void anotherNodesEarlierSeqIsDeliveredBeforeThisNodesLaterOne() {
        node.group(7, 1, 2, 3);
        var alice = node.connect(1);
        var bob = node.connect(2);

        // node A commits seq 1 of the group; node B (this one) commits seq 2 before A's notice is here
        Message fromA = commitElsewhere(3, new Target.Group(7), "from A");
        alice.send(new Target.Group(7), "from B");
        assertThat(alice.accepted).containsExactly("from B");
        assertThat(bob.out.pushes).as("this node's own commit waits for its turn in the feed").isEmpty();

        relay.onNotice(notice("A", fromA));
        relay.onNotice(notice("B", node.store.log.get(1)));

        assertThat(bob.out.pushes).extracting(Message::seq).containsExactly(1L, 2L);
        assertThat(bob.out.payloads()).containsExactly("from A", "from B");
        assertThat(alice.out.payloads()).as("the sending session does not get its own message").containsExactly("from A");
        bob.ackAll();
        assertThat(node.store.cursors).containsEntry("2@" + fromA.conversationId(), 2L);
    }

    @Test
    void anOwnCommitIsDeliveredFromMemoryAndAnotherNodesIsReadOnlyWhenARecipientMayBeHere() {
        node.addUser(2);
        node.addUser(5);
        var alice = node.connect(1);
        var bob = node.connect(2);

        alice.send(new Target.User(2), "own");
        Message toNobodyHere = commitElsewhere(3, new Target.User(5), "for uid 5, elsewhere");
        Message toBob = commitElsewhere(3, new Target.User(2), "for bob");
        relay.onNotice(notice("B", node.store.log.get(0)));
        relay.onNotice(notice("A", toNobodyHere, toBob));

        assertThat(bob.out.payloads()).containsExactly("own", "for bob");
        assertThat(reads).as("one read per notice, only of what may have a recipient here")
                .containsExactly(List.of(place(toBob)));
    }

    @Test
    void whileTheFeedIsDownCommitsAreLeftToTheResyncThatFollowsItsReturn() {
        node.addUser(2);
        var alice = node.connect(1);
        var bob = node.connect(2);
        relay.onNotice(notice("A", commitElsewhere(3, new Target.User(2), "before")));
        bob.ackAll();

        relay.feedLost();
        commitElsewhere(3, new Target.User(2), "lost notice");
        alice.send(new Target.User(2), "own, lost notice");
        assertThat(bob.out.payloads()).containsExactly("before");

        relay.listening();
        relay.readStoreAgain();

        assertThat(bob.out.payloads()).containsExactly("before", "lost notice", "own, lost notice");
    }

    @Test
    void anOwnCommitNeverHandedToTheRelayMakesEverySessionReadTheStore() {
        node.addUser(2);
        var bob = node.connect(2);
        // committed by this node's writer, whose listener never reached the relay
        Message orphan = commitElsewhere(1, new Target.User(2), "orphan");
        assertThat(bob.out.pushes).isEmpty();

        relay.onNotice(notice("B", orphan));

        assertThat(bob.out.payloads()).as("read again from the store").containsExactly("orphan");
    }

    @Test
    void aFailedReadOfAnotherNodesCommitLeavesItToTheStorePath() {
        node.addUser(2);
        var bob = node.connect(2);
        OrderedRelay failing = new OrderedRelay("B", places -> {
            throw new IllegalStateException("database down");
        }, Duration.ofMillis(50));
        failing.bind(node.core.router());
        Message m = commitElsewhere(3, new Target.User(2), "for bob");

        failing.onNotice(notice("A", m));

        assertThat(bob.out.payloads()).containsExactly("for bob");
    }

    private Message commitElsewhere(long sender, Target target, String payload) {
        node.addUser(sender);
        node.store.append(new MessageDraft(MessageId.random(), sender, target, payload.getBytes(StandardCharsets.UTF_8),
                node.clock.millis(), 0), new AppendListener() {
            @Override
            public void stored(Message message) {
            }

            @Override
            public void alreadyStored(Message existing) {
            }

            @Override
            public void failed(Throwable cause) {
                throw new AssertionError(cause);
            }
        });
        return node.store.log.get(node.store.log.size() - 1);
    }

    private Message stored(CommitNotice.Committed place) {
        return node.store.log.stream()
                .filter(m -> m.conversationId() == place.conversationId() && m.seq() == place.seq())
                .findFirst().orElseThrow();
    }

    private static CommitNotice notice(String origin, Message... messages) {
        return new CommitNotice(origin, Arrays.stream(messages).map(ClusterOrderTest::place).toList());
    }

    private static CommitNotice.Committed place(Message m) {
        return new CommitNotice.Committed(m.conversationId(), m.seq(), m.target());
    }
}
