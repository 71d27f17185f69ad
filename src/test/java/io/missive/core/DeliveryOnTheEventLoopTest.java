package io.missive.core;

import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.session.ClientSession;
import io.missive.core.session.DeliverySettings;
import io.missive.core.session.DuplicateLoginPolicy;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session whose mailbox is bound to its connection's event loop: deliveries and acknowledgements run
 * there, and every read of the store (the catch-up, a resync) on the pool, never on the loop. The pool is
 * held ({@link CoreFixture#holdTasks}), so what ran without it ran on the loop.
 */
class DeliveryOnTheEventLoopTest {

    /** Window 1, at most 2 messages queued in memory. */
    private final CoreFixture f = new CoreFixture(new CoreSettings(DuplicateLoginPolicy.MULTIPLE,
            new DeliverySettings(1, 2_000, 3, 2, 500), 1_000, 0));

    /** An outbound that only records, as a protocol whose push just writes. */
    private final RecordingOutbound out = new RecordingOutbound();

    {
        out.writesOnly = true;
    }

    private ClientSession openOnTheLoop(long uid) {
        OpenResult opened = f.core.open(uid, "user" + uid, CoreFixture.peer("test", "loop"), out, f.core.newMailbox(CoreFixture.CALLERS_LOOP));
        return ((OpenResult.Opened) opened).session();
    }

    private void send(CoreFixture.Client from, long to, String text) {
        from.send(new Target.User(to), text);
    }

    private List<String> pushed() {
        List<String> texts = new ArrayList<>();
        out.pushes.forEach(m -> texts.add(new String(m.payload(), StandardCharsets.UTF_8)));
        return texts;
    }

    @Test
    void theCatchUpReadsOnThePoolAndLiveDeliveriesRunOnTheLoop() {
        CoreFixture.Client alice = f.connect(1);
        send(alice, 2, "while offline");
        f.holdTasks = true;
        ClientSession bob = openOnTheLoop(2);
        bob.start();
        assertThat(pushed()).isEmpty();   // start may read the store: on the held pool

        f.runHeldTasks();
        assertThat(pushed()).containsExactly("while offline");
        bob.acknowledge(out.pushes.get(0).id());   // on the loop, at once

        send(alice, 2, "live");
        assertThat(pushed()).containsExactly("while offline", "live");   // the pool still held
        assertThat(f.store.readsOnAnEventLoop).isZero();
    }

    @Test
    void aDeliveryOnTheLoopThatMustReadTheStoreReadsOnThePool() {
        CoreFixture.Client alice = f.connect(1);
        ClientSession bob = openOnTheLoop(2);
        bob.start();
        for (int i = 1; i <= 4; i++) {
            send(alice, 2, "m" + i);   // m1 in flight; m2, m3 queued; m4 overflows the queue: read again later
        }
        assertThat(pushed()).containsExactly("m1");
        assertThat(f.observed.queueOverflows).as("counted for the metrics").isEqualTo(1);

        f.holdTasks = true;
        MessageId first = out.pushes.get(0).id();
        bob.acknowledge(first);   // room in the window: the resync must read, which the loop may not
        assertThat(pushed()).containsExactly("m1");

        f.runHeldTasks();
        assertThat(pushed()).containsExactly("m1", "m2");
        for (int i = 1; i < 4; i++) {
            Message last = out.pushes.get(out.pushes.size() - 1);
            bob.acknowledge(last.id());
            f.runHeldTasks();
        }
        assertThat(pushed()).containsExactly("m1", "m2", "m3", "m4");
        assertThat(f.store.readsOnAnEventLoop).isZero();
    }

    /** A publish made on the loop, as a protocol's non-blocking frame makes it; answers what it was told. */
    private List<String> publishOnTheLoop(ClientSession from, Target target) {
        List<String> answers = new ArrayList<>();
        from.mailbox().executeNonBlocking(() -> f.core.publish(from, Publication.of(MessageId.random(), target,
                "hello".getBytes(StandardCharsets.UTF_8)), new RecordingPublishCallback(answers, false)));
        return answers;
    }

    @Test
    void aPublishWhoseChecksAreCachedIsMadeOnTheLoopAndOneThatMustReadGoesOnOnThePool() {
        f.core.subscribe(3, 40);
        ClientSession device = openOnTheLoop(2);
        device.start();
        f.holdTasks = true;

        assertThat(publishOnTheLoop(device, new Target.Channel(40))).as("subscribers cached").containsExactly("accepted");

        f.membersNotCached = true;
        List<String> uncached = publishOnTheLoop(device, new Target.Channel(40));
        assertThat(uncached).isEmpty();
        f.runHeldTasks();
        assertThat(uncached).containsExactly("accepted");

        // the fake directory caches no user: whether uid 1 exists is a read
        List<String> toUser = publishOnTheLoop(device, new Target.User(1));
        assertThat(toUser).isEmpty();
        f.runHeldTasks();
        assertThat(toUser).containsExactly("accepted");
        f.holdTasks = false;
    }

    @Test
    void aGroupPublishWhoseMembersAreCachedIsMadeOnTheLoopAndAnUncachedOneGoesOnOnThePool() {
        f.group(50, 2, 3);
        ClientSession member = openOnTheLoop(2);
        ClientSession outsider = openOnTheLoop(4);
        member.start();
        outsider.start();
        f.holdTasks = true;

        assertThat(publishOnTheLoop(member, new Target.Group(50))).as("members cached").containsExactly("accepted");
        assertThat(publishOnTheLoop(member, new Target.GroupPart(50, new long[]{3})))
                .as("a part of it, members cached").containsExactly("accepted");
        assertThat(publishOnTheLoop(outsider, new Target.Group(50))).as("refused from the cache")
                .containsExactly("refused NOT_A_MEMBER");
        List<String> unknown = publishOnTheLoop(member, new Target.Group(51));
        assertThat(unknown).as("an unknown group is only known by a read").isEmpty();

        f.membersNotCached = true;
        List<String> uncached = publishOnTheLoop(member, new Target.Group(50));
        assertThat(uncached).isEmpty();
        f.runHeldTasks();
        assertThat(uncached).containsExactly("accepted");
        assertThat(unknown).containsExactly("refused UNKNOWN_GROUP");
        f.holdTasks = false;
        assertThat(f.store.readsOnAnEventLoop).isZero();
    }
}
