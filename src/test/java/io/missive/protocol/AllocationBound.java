package io.missive.protocol;

import java.lang.management.ManagementFactory;
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
     * Runs {@code decode}, which must build all of its state itself (it may run twice), and returns
     * what it returned.
     */
    public <T> T check(int inputLength, Callable<T> decode) throws Exception {
        long bound = fixedBytes + (long) perInputByte * inputLength;
        long before = THREADS.getCurrentThreadAllocatedBytes();
        T result = decode.call();
        long first = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (first <= bound) {
            return result;
        }
        before = THREADS.getCurrentThreadAllocatedBytes();
        result = decode.call();
        long again = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (again > bound) {
            throw new AssertionError("decoding " + inputLength + " bytes allocated " + again + " bytes (first run "
                    + first + "), over the bound of " + bound);
        }
        return result;
    }
}
