package io.missive.protocol;

import io.netty.util.ResourceLeakDetector;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A fuzz target's check that a decoder allocates in proportion to the bytes it was given, never to
 * a length the input declares: the heap bytes allocated on the calling thread while it decodes must
 * stay under {@code fixedBytes + perInputByte * inputLength}.
 *
 * <p>The first decode of an input that reaches a new path also loads classes and links call sites
 * on this thread, once; so a decode over the bound is run a second time, on fresh state, and only
 * that second figure counts.
 */
public final class AllocationBound {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long fixedBytes;
    private final int perInputByte;

    public AllocationBound(long fixedBytes, int perInputByte) {
        this.fixedBytes = fixedBytes;
        this.perInputByte = perInputByte;
    }

    /**
     * Runs {@code decode}, which must build all of its state itself (it may run up to three times), and
     * returns what it returned. Only a decoding that passes the bound in every run fails: a class
     * loaded (and, under the fuzzer, instrumented) on this thread during a run counts as that run's
     * allocation, once, and a fuzz campaign met that twice in a row (a 295-byte WebSocket input "allocated"
     * 0.97 MB, then 5.6 MB, and nothing of the kind when replayed).
     */
    public <T> T check(int inputLength, Callable<T> decode) throws Exception {
        long bound = fixedBytes + (long) perInputByte * inputLength;
        List<Long> runs = new ArrayList<>();
        // the unit tests run Netty's leak detector paranoid (pom.xml): its stack trace per buffer is the test's
        // allocation, not the decoder's, and a server runs without it
        ResourceLeakDetector.Level leakDetection = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try {
            for (int run = 0; run < 3; run++) {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                T result = decode.call();
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                if (allocated <= bound) {
                    return result;
                }
                runs.add(allocated);
            }
        } finally {
            ResourceLeakDetector.setLevel(leakDetection);
        }
        throw new AssertionError("decoding " + inputLength + " bytes allocated " + runs + " bytes in three runs,"
                + " over the bound of " + bound);
    }
}
