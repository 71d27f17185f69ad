package io.missive.websocket;

import io.missive.core.session.SerialExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingThreadTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "pool"));
    private final DeliveryLoops loops = new DeliveryLoops(r -> new Thread(r), 1);
    private final ReadingThread reading = new ReadingThread(loops.next());
    private final SerialExecutor mailbox = new SerialExecutor(pool, reading);
    private final BlockingQueue<String> ranOn = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        loops.close();
    }

    private static String where(Thread container) {
        Thread current = Thread.currentThread();
        if (current == container) {
            return "reader";
        }
        return current.getName().startsWith("missive-ws-loop-") ? "loop" : current.getName();
    }

    @Test
    void theContainersThreadIsTheLoopOnlyWhileItHandsAMessage() {
        assertThat(reading.inLoop()).isFalse();
        reading.reading(() -> assertThat(reading.inLoop()).isTrue());
        assertThat(reading.inLoop()).isFalse();
    }

    @Test
    void workAMessageStartsRunsOnTheReadingThreadWhenTheMailboxIsIdle() throws Exception {
        Thread container = Thread.currentThread();
        reading.reading(() -> mailbox.executeNonBlocking(() -> ranOn.add(where(container))));
        assertThat(ranOn.poll(5, TimeUnit.SECONDS)).isEqualTo("reader");
    }

    @Test
    void nonBlockingWorkFromAnyOtherThreadRunsOnTheDeliveryLoopAndWorkThatMayBlockOnThePool() throws Exception {
        Thread caller = Thread.currentThread();
        mailbox.executeNonBlocking(() -> ranOn.add(where(caller)));
        assertThat(ranOn.poll(5, TimeUnit.SECONDS)).isEqualTo("loop");
        reading.reading(() -> mailbox.execute(() -> ranOn.add(where(caller))));
        assertThat(ranOn.poll(5, TimeUnit.SECONDS)).isEqualTo("pool");
    }

    @Test
    void theDeliveryLoopsThreadIsTheLoopToo() throws Exception {
        BlockingQueue<Boolean> inLoop = new LinkedBlockingQueue<>();
        mailbox.executeNonBlocking(() -> inLoop.add(reading.inLoop() && !SerialExecutor.mayBlockHere()));
        assertThat(inLoop.poll(5, TimeUnit.SECONDS)).isTrue();
    }
}
