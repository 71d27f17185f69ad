package io.missive.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.missive.transport.CloseKind;
import io.missive.transport.Sink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InboundBacklogTest {

    /** A transport whose pause can be held in the middle, as a descheduled I/O thread would be. */
    private static final class SlowToPause implements Sink<Object> {
        final CountDownLatch pausing = new CountDownLatch(1);
        final CountDownLatch drained = new CountDownLatch(1);
        volatile boolean reading = true;

        @Override
        public boolean pauseReading() {
            pausing.countDown();
            try {
                // the mailbox drains meanwhile; with the fix it cannot resume before this pause is done
                drained.await(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reading = false;
            return true;
        }

        @Override
        public void resumeReading() {
            reading = true;
        }

        @Override
        public boolean send(Object message) {
            return true;
        }

        @Override
        public void close(CloseKind kind, String reason) {
        }

        @Override
        public String remoteAddress() {
            return "test";
        }
    }

    @Test
    @DisplayName("a mailbox that drains while the I/O thread is still pausing never leaves the transport stopped for good")
    void aResumeRacingThePauseDoesNotStallReading() throws Exception {
        SlowToPause sink = new SlowToPause();
        List<Runnable> mailbox = new ArrayList<>();
        InboundBacklog backlog = new InboundBacklog(sink, 64, task -> {
            synchronized (mailbox) {
                mailbox.add(task);
            }
        });
        for (int i = 0; i < 63; i++) {
            backlog.hold();
        }
        Thread io = new Thread(backlog::hold);   // the 64th: pauses
        io.start();
        assertThat(sink.pausing.await(5, TimeUnit.SECONDS)).isTrue();
        Thread drain = new Thread(() -> {
            for (int i = 0; i < 60; i++) {
                backlog.release();
            }
            sink.drained.countDown();
        });
        drain.start();
        io.join(5_000);
        drain.join(5_000);
        synchronized (mailbox) {
            mailbox.forEach(Runnable::run);
        }

        assertThat(sink.reading).as("4 unfinished, far under the resume mark: the transport must read").isTrue();
    }

    @Test
    void pastTheMarkTheTransportStopsAndBelowAQuarterItReadsAgain() {
        SlowToPause sink = new SlowToPause();
        sink.drained.countDown();
        InboundBacklog backlog = new InboundBacklog(sink, 64, Runnable::run);
        for (int i = 0; i < 64; i++) {
            backlog.hold();
        }
        assertThat(sink.reading).isFalse();
        for (int i = 0; i < 47; i++) {
            backlog.release();
        }
        assertThat(sink.reading).as("17 unfinished").isFalse();
        backlog.release();
        assertThat(sink.reading).as("16 unfinished").isTrue();
    }
}
