package io.missive.core.pubsub;

import io.missive.core.session.SerialExecutor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What another node of a cluster did reaches this node's engine: its stored and QoS 0 publishes, its sessions. */
class PubSubElsewhereTest {

    /** A connection that records what the session sends it. */
    static final class Connection implements PubSubOutbound {
        final List<String> received = new ArrayList<>();
        boolean takenOver;

        @Override
        public void publish(int packetId, String topic, byte[] payload, int qos, boolean retain, boolean dup) {
            received.add(topic + " " + new String(payload, StandardCharsets.UTF_8) + " q" + qos + (retain ? " r" : ""));
        }

        @Override
        public void release(int packetId) {
        }

        @Override
        public void takenOver() {
            takenOver = true;
        }
    }

    private final InMemoryPubSubStore store = new InMemoryPubSubStore();
    private final PubSubEngine engine = new PubSubEngine(store,
            new PubSubSettings(20, 1_000, 1_000, 100_000, 100_000, 256L << 20),
            loop -> new SerialExecutor(Runnable::run));

    @Test
    void anotherNodesMessagesReachOnlyTheSessionsConnectedHereAndItsRetainedMessageIsKept() {
        Connection here = connect("here", true);
        PubSubSession notHere = open("elsewhere", false);
        subscribe(notHere, "t/#");

        engine.committedElsewhere(List.of(new PubSubMessage(7, "t/a", bytes("one"), 1, false),
                new PubSubMessage(8, "t/b", bytes("kept"), 1, true)));
        engine.publishedElsewhere(new PubSubMessage(0, "t/c", bytes("zero"), 0, false));

        assertThat(here.received).containsExactly("t/a one q1", "t/b kept q1", "t/c zero q0");
        Connection late = connect("late", true);
        assertThat(late.received).as("the retained message of the other node").containsExactly("t/b kept q1 r");
    }

    @Test
    void aPersistentSessionChangedElsewhereIsFollowedHereUnlessItIsConnectedHere() {
        PubSubSession copy = open("roamer", false);
        subscribe(copy, "old/#");

        engine.sessionChangedElsewhere("roamer", Optional.of(new PubSubStore.StoredSession("roamer", "u",
                Map.of("new/#", 1), Set.of())));
        Connection subscriber = connect("watcher", false);
        engine.committedElsewhere(List.of(new PubSubMessage(9, "new/x", bytes("follows"), 1, false)));
        assertThat(engine.sessionCount()).isEqualTo(2);

        Connection connectedHere = connect("resident", false);
        engine.sessionChangedElsewhere("resident", Optional.empty());
        assertThat(connectedHere.takenOver).isFalse();
        assertThat(engine.sessionCount()).as("a session connected here stays").isEqualTo(3);

        engine.sessionChangedElsewhere("roamer", Optional.empty());
        assertThat(engine.sessionCount()).as("dropped elsewhere").isEqualTo(2);
        assertThat(subscriber.received).isEmpty();
    }

    @Test
    void aClientIdConnectingOnAnotherNodeEndsItsConnectionHere() {
        Connection here = connect("twice", false);

        engine.connectedElsewhere("twice");

        assertThat(here.takenOver).isTrue();
    }

    private Connection connect(String clientId, boolean subscribeToT) {
        PubSubSession session = open(clientId, true);
        Connection connection = new Connection();
        session.attach(connection);
        if (subscribeToT) {
            subscribe(session, "t/#");
            engine.sendRetained(session, "t/#", 1);
        }
        return connection;
    }

    private PubSubSession open(String clientId, boolean clean) {
        PubSubSession session = ((PubSubEngine.Opening.Opened) engine.open(clientId, "u", clean, null)).session();
        store.commit();
        return session;
    }

    private void subscribe(PubSubSession session, String filter) {
        engine.subscribe(session, Map.of(filter, 1), ok -> { });
        store.commit();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
