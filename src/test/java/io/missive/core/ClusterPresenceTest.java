package io.missive.core;

import io.missive.core.routing.SingleNodeRelay;
import io.missive.core.session.CloseReason;
import io.missive.core.session.ClusterPresence;
import io.missive.core.session.DuplicateLoginPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The duplicate-login policy across nodes, with the other nodes played by a recording presence. */
class ClusterPresenceTest {

    /** What this node told the cluster, and who is online elsewhere. */
    static final class RecordingPresence implements ClusterPresence {
        final Set<String> elsewhere = new HashSet<>();
        final List<String> told = new ArrayList<>();

        @Override
        public boolean onlineElsewhere(long uid, String protocol) {
            return elsewhere.contains(uid + "/" + protocol);
        }

        @Override
        public void opened(long uid, String protocol, DuplicateLoginPolicy policy, long openedAtMillis) {
            told.add("opened " + uid + "/" + protocol + " " + policy);
        }

        @Override
        public void closedHere(long uid, String protocol) {
            told.add("closed " + uid + "/" + protocol);
        }
    }

    private final RecordingPresence presence = new RecordingPresence();

    @Test
    void refuseTurnsAwayALoginWhoseUserIsOnAnotherNodeWithTheSameProtocol() {
        CoreFixture node = new CoreFixture(DuplicateLoginPolicy.REFUSE, new SingleNodeRelay(), presence);
        presence.elsewhere.add("1/test");

        assertThat(node.core.open(1, "user1", CoreFixture.peer("test", "x"), new RecordingOutbound(), node.core.newMailbox()))
                .isInstanceOf(OpenResult.Duplicate.class);
        assertThat(node.core.open(1, "user1", CoreFixture.peer("mqtt", "x"), new RecordingOutbound(), node.core.newMailbox()))
                .as("another protocol is another client").isInstanceOf(OpenResult.Opened.class);
        assertThat(node.core.open(2, "user2", CoreFixture.peer("test", "x"), new RecordingOutbound(), node.core.newMailbox()))
                .isInstanceOf(OpenResult.Opened.class);
    }

    @Test
    void theClusterHearsOfEachOpeningAndOfTheLastClosingOfAUsersProtocol() {
        CoreFixture node = new CoreFixture(DuplicateLoginPolicy.MULTIPLE, new SingleNodeRelay(), presence);
        var phone = node.connect(1);
        var laptop = node.connect(1);

        phone.session.disconnect(CloseReason.KICKED);
        assertThat(presence.told).containsExactly("opened 1/test MULTIPLE", "opened 1/test MULTIPLE");
        laptop.session.disconnect(CloseReason.KICKED);
        assertThat(presence.told).endsWith("closed 1/test");
    }

    @Test
    void aNewerLoginOnAnotherNodeReplacesTheOlderSessionsHereOfThatProtocolOnly() {
        CoreFixture node = new CoreFixture(DuplicateLoginPolicy.REPLACE, new SingleNodeRelay(), presence);
        var older = node.connect(1);
        var otherUser = node.connect(2);
        node.clock.advance(1_000);

        node.core.replacedElsewhere(1, "test", node.clock.millis() - 500);
        assertThat(older.out.closes).containsExactly(CloseReason.REPLACED);
        assertThat(otherUser.out.closes).isEmpty();

        var newer = node.connect(1);
        node.core.replacedElsewhere(1, "test", node.clock.millis() - 100);
        assertThat(newer.out.closes).as("opened after the other node's login").isEmpty();
    }

    @Test
    void whenASplitHealsTheRefusePolicyKeepsTheOlderLoginAndClosesTheNewerHere() {
        CoreFixture node = new CoreFixture(DuplicateLoginPolicy.REFUSE, new SingleNodeRelay(), presence);
        node.clock.advance(1_000);
        var newerHere = node.connect(1);

        node.core.refusedElsewhere(1, "test", node.clock.millis() + 10);
        assertThat(newerHere.out.closes).as("the other node's is newer: this one stays").isEmpty();

        node.core.refusedElsewhere(1, "test", node.clock.millis() - 500);
        assertThat(newerHere.out.closes).containsExactly(CloseReason.CONNECTED_ELSEWHERE);
    }
}
