package io.missive.cluster;

import io.missive.core.CoreFixture;
import io.missive.core.OpenResult;
import io.missive.core.RecordingOutbound;
import io.missive.core.session.CloseReason;
import io.missive.core.session.DuplicateLoginPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseWatchTest {

    private final CoreFixture node = new CoreFixture(DuplicateLoginPolicy.MULTIPLE);
    private final DatabaseWatch watch = new DatabaseWatch(node.core, 3);

    @Test
    void aNodeCutOffFromItsDatabaseClosesItsSessionsOnceAfterThreeFailedProbesInARow() {
        RecordingOutbound client = connect(1);

        watch.probed(false);
        watch.probed(false);
        watch.probed(true);
        watch.probed(false);
        watch.probed(false);
        assertThat(client.closes).as("a probe that answered starts the count again").isEmpty();

        watch.probed(false);
        assertThat(client.closes).containsExactly(CloseReason.DATABASE_UNREACHABLE);

        RecordingOutbound later = connect(2);
        watch.probed(false);
        assertThat(later.closes).as("once per outage").isEmpty();

        watch.probed(true);
        watch.probed(false);
        watch.probed(false);
        watch.probed(false);
        assertThat(later.closes).as("the next outage").containsExactly(CloseReason.DATABASE_UNREACHABLE);
    }

    private RecordingOutbound connect(long uid) {
        RecordingOutbound out = new RecordingOutbound();
        OpenResult opened = node.core.open(uid, "user" + uid, CoreFixture.peer("test", "x"), out, node.core.newMailbox());
        ((OpenResult.Opened) opened).session().start();
        return out;
    }
}
