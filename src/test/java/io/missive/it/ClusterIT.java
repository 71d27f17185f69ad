package io.missive.it;

import io.missive.binary.BinaryFrame;
import io.missive.binary.ConnectCode;
import io.missive.core.model.MessageId;
import io.missive.it.client.BinaryClient;
import io.missive.it.client.BinaryTcpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of a cluster on one PostgreSQL: what one commits reaches sessions on the other through
 * the commit feed, in commit order, and a membership change made on one is seen by the other
 * before the next message.
 */
class ClusterIT extends MissiveIT {

    private static MissiveServer nodeA;
    private static MissiveServer nodeB;

    @BeforeAll
    static void startNodes() throws Exception {
        MissiveServer shared = MissiveServer.get();
        nodeA = shared.startAnother("cluster-a", Map.of("missive.cluster.enabled", "true", "missive.cluster.node-id", "a"));
        nodeB = shared.startAnother("cluster-b", Map.of("missive.cluster.enabled", "true", "missive.cluster.node-id", "b"));
    }

    @AfterAll
    static void stopNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void privateMessagesCrossNodesBothWays() throws Exception {
        Api.User alice = api.newUser("cl-alice");
        Api.User bob = api.newUser("cl-bob");
        try (BinaryTcpClient onA = login(nodeA, alice); BinaryTcpClient onB = login(nodeB, bob)) {
            onA.publishAll(bob.uid(), List.of("one", "two", "three"));
            assertThat(onB.receiveAndAcknowledge(3)).containsExactly("one", "two", "three");
            onB.publishAll(alice.uid(), List.of("back"));
            assertThat(onA.receiveAndAcknowledge(1)).containsExactly("back");
        }
    }

    @Test
    void aMemberAddedOnOneNodeGetsTheNextGroupMessageOnTheOther() throws Exception {
        Api.User alice = api.newUser("cl-alice");
        Api.User bob = api.newUser("cl-bob");
        Api.User carol = api.newUser("cl-carol");
        long group = api.newGroup(Api.unique("cl-group"), alice, bob);
        try (BinaryTcpClient aliceOnA = login(nodeA, alice); BinaryTcpClient bobOnB = login(nodeB, bob);
             BinaryTcpClient carolOnB = login(nodeB, carol)) {
            publishToGroup(aliceOnA, group, "before carol");
            assertThat(bobOnB.receiveAndAcknowledge(1)).as("node B has now read the group's members")
                    .containsExactly("before carol");

            new Api(nodeA).addMember(group, carol.uid());
            publishToGroup(aliceOnA, group, "with carol");

            assertThat(carolOnB.receiveAndAcknowledge(1)).containsExactly("with carol");
            assertThat(bobOnB.receiveAndAcknowledge(1)).containsExactly("with carol");
        }
    }

    @Test
    void manyPublishersOnBothNodesToOneGroupAreReceivedInSeqOrderWithoutAGap() throws Exception {
        Api.User alice = api.newUser("cl-alice");
        Api.User bob = api.newUser("cl-bob");
        Api.User watcher = api.newUser("cl-watch");
        long group = api.newGroup(Api.unique("cl-group"), alice, bob, watcher);
        int each = 200;
        try (BinaryTcpClient aliceOnA = login(nodeA, alice); BinaryTcpClient bobOnB = login(nodeB, bob);
             BinaryTcpClient watcherOnA = login(nodeA, watcher)) {
            Thread fromA = new Thread(() -> publishMany(aliceOnA, group, "a", each));
            Thread fromB = new Thread(() -> publishMany(bobOnB, group, "b", each));
            fromA.start();
            fromB.start();
            List<String> received = watcherOnA.receiveAndAcknowledge(2 * each);
            fromA.join();
            fromB.join();
            assertThat(received.stream().filter(s -> s.startsWith("a")).toList())
                    .isEqualTo(java.util.stream.IntStream.range(0, each).mapToObj(i -> "a" + i).toList());
            assertThat(received.stream().filter(s -> s.startsWith("b")).toList())
                    .isEqualTo(java.util.stream.IntStream.range(0, each).mapToObj(i -> "b" + i).toList());
        }
    }

    private static void publishMany(BinaryClient client, long group, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            client.send(new BinaryFrame.GroupPublish(group, MessageId.random(), (prefix + i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void publishToGroup(BinaryClient client, long group, String text) {
        MessageId id = MessageId.random();
        client.send(new BinaryFrame.GroupPublish(group, id, text.getBytes(StandardCharsets.UTF_8)));
        assertThat(client.next(BinaryFrame.GroupPubAck.class, Duration.ofSeconds(10)).msgId()).isEqualTo(id);
    }

    private static BinaryTcpClient login(MissiveServer node, Api.User user) throws Exception {
        BinaryTcpClient client = BinaryTcpClient.connect(node.tcpPort(MissiveServer.TCP_BINARY));
        assertThat(client.login(user.name(), Api.PASSWORD, 0).code()).isEqualTo(ConnectCode.ACCEPTED.code());
        return client;
    }
}
