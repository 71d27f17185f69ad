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

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ReadingThread reading = new ReadingThread(pool);
    private final SerialExecutor mailbox = new SerialExecutor(pool, reading);
    private final BlockingQueue<String> ranOn = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
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
        reading.reading(() -> mailbox.executeNonBlocking(() -> ranOn.add(Thread.currentThread() == container ? "reader" : "pool")));
        assertThat(ranOn.poll(5, TimeUnit.SECONDS)).isEqualTo("reader");
    }

    @Test
    void workFromAnyOtherThreadAndWorkThatMayBlockGoToThePool() throws Exception {
        Thread caller = Thread.currentThread();
        mailbox.executeNonBlocking(() -> ranOn.add(Thread.currentThread() == caller ? "caller" : "pool"));
        assertThat(ranOn.poll(5, TimeUnit.SECONDS)).isEqualTo("pool");
        reading.reading(() -> mailbox.execute(() -> ranOn.add(Thread.currentThread() == caller ? "reader" : "pool")));
        assertThat(ranOn.poll(5, TimeUnit.SECONDS)).isEqualTo("pool");
    }
}
