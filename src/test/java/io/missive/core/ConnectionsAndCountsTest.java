package io.missive.core;

import io.missive.core.connection.ClientType;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.LiveConnection;
import io.missive.core.connection.Peer;
import io.missive.core.model.Target;
import io.missive.core.session.CloseReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry of live connections and what the core reports to its observer. */
class ConnectionsAndCountsTest {

    @Test
    void aSessionIsListedWhileOpenWithItsCountersAndClientType() {
        CoreFixture f = new CoreFixture();
        var alice = f.connect(1);
        var bob = f.connect(2);

        assertThat(f.core.connections().count()).isEqualTo(2);
        LiveConnection aliceConnection = alice.session.connection();
        assertThat(f.core.connections().find(aliceConnection.id())).containsSame(aliceConnection);
        assertThat(aliceConnection.clientType()).isEqualTo(ClientType.SUBSCRIBER);

        alice.send(new Target.User(2), "hi");

        assertThat(aliceConnection.messagesIn()).isEqualTo(1);
        assertThat(aliceConnection.clientType()).isEqualTo(ClientType.BOTH);
        assertThat(bob.session.connection().messagesOut()).isEqualTo(1);
        assertThat(bob.session.connection().clientType()).isEqualTo(ClientType.SUBSCRIBER);
        assertThat(f.core.connections().countByClientType())
                .containsEntry(ClientType.BOTH, 1).containsEntry(ClientType.SUBSCRIBER, 1)
                .containsEntry(ClientType.PUBLISHER, 0);
        assertThat(f.core.connections().countByProtocol()).containsExactlyEntriesOf(java.util.Map.of("test-test", 2));

        bob.session.transportClosed();
        assertThat(f.core.connections().find(bob.session.connection().id())).isEmpty();
        assertThat(f.core.connections().count()).isEqualTo(1);
        assertThat(f.core.connections().countOf("test-test")).isEqualTo(1);
        alice.session.transportClosed();
        assertThat(f.core.connections().countOf("test-test")).isZero();
        assertThat(f.core.connections().countByProtocol()).as("labels without a connection are left out").isEmpty();
    }

    @Test
    void closingAConnectionKicksItsSessionAndKeepsItsMessagesPending() {
        CoreFixture f = new CoreFixture();
        var alice = f.connect(1);
        var bob = f.connect(2);
        alice.send(new Target.User(2), "unacknowledged");

        bob.session.connection().close(CloseReason.KICKED);

        assertThat(bob.out.closes).containsExactly(CloseReason.KICKED);
        assertThat(f.core.connections().count()).isEqualTo(1);
        assertThat(f.core.sessions().isOnline(2)).isFalse();
        var bobAgain = f.connect(2);
        assertThat(bobAgain.out.pushes).hasSize(1);
    }

    @Test
    void aConnectionWithoutSessionIsListedUntilClosedAndAServerIsAPublisher() {
        CoreFixture f = new CoreFixture();
        List<CloseReason> closed = new ArrayList<>();
        LiveConnection server = f.core.connections().open(new Peer("binary", "tcp", "127.0.0.1:4000",
                ConnectionKind.SERVER), 0, "127.0.0.1:4000", closed::add);

        assertThat(server.clientType()).isEqualTo(ClientType.PUBLISHER);
        server.received();
        assertThat(server.clientType()).isEqualTo(ClientType.PUBLISHER);
        assertThat(f.core.connections().countByProtocol()).containsEntry("binary-tcp", 1);

        server.close(CloseReason.KICKED);
        assertThat(closed).containsExactly(CloseReason.KICKED);
        f.core.connections().closed(server);
        f.core.connections().closed(server);
        assertThat(f.core.connections().count()).isZero();
    }

    @Test
    void aRefusedDuplicateLoginIsNotListed() {
        CoreFixture f = new CoreFixture();
        f.connect(1);
        f.core.open(1, "user1", CoreFixture.peer("test", "again"), new RecordingOutbound(), f.core.newMailbox());
        assertThat(f.core.connections().count()).isEqualTo(1);
    }

    @Test
    void theObserverHearsStoresPushesAcknowledgementsResendsAndExpiries() {
        CoreFixture f = new CoreFixture();
        var alice = f.connect(1);
        alice.send(new Target.User(2), "while bob is away");
        var bob = f.connect(2);
        assertThat(f.observed.stored).isEqualTo(1);
        assertThat(f.observed.pushed).isEqualTo(1);
        assertThat(f.observed.pushedLive).as("fetched on catch-up, not live").isZero();

        alice.send(new Target.User(2), "live");
        assertThat(f.observed.pushed).isEqualTo(2);
        assertThat(f.observed.pushedLive).isEqualTo(1);

        f.tick(2_000);
        assertThat(f.observed.resent).isEqualTo(2);
        bob.ackAll();
        assertThat(f.observed.acknowledged).isEqualTo(2);

        alice.send(new Target.User(3), "short-lived", 1_000);
        f.clock.advance(5_000);
        f.store.now = f.clock.millis();
        f.core.purgeExpired();
        assertThat(f.observed.expired).isEqualTo(1);
    }
}
