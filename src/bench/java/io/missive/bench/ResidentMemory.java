package io.missive.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A process's resident memory (VmRSS of /proc/pid/status), read once or sampled while a load runs:
 * the sampler keeps the highest reading of each process, since a peak between two readings of a
 * scenario's end would be missed.
 */
final class ResidentMemory implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 500;

    private final Map<Long, Long> peakKib = new LinkedHashMap<>();
    private final Thread sampler;

    /** Starts sampling {@code pids} until {@link #close()}. */
    ResidentMemory(List<Long> pids) {
        pids.forEach(pid -> peakKib.put(pid, 0L));
        sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sample();
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "resident-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void sample() {
        peakKib.replaceAll((pid, peak) -> {
            try {
                return Math.max(peak, ProcessMemory.residentKib(pid));
            } catch (IOException gone) {
                return peak;   // a node killed on purpose keeps what it reached
            }
        });
    }

    /** The highest reading of {@code pid} so far, KiB. */
    synchronized long peakKib(long pid) {
        return peakKib.getOrDefault(pid, 0L);
    }

    @Override
    public void close() {
        sampler.interrupt();
        sample();
    }
}
