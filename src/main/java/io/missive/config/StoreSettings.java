package io.missive.config;

import java.time.Duration;

/**
 * The store's group-commit writers (the message log's and MQTT's): at most {@code batchSize}
 * writes per transaction; at most {@code queueCapacity} writes, and at most {@code queueMaxBytes}
 * bytes of payload, waiting before a write is refused; under load (more than one write queued up
 * while the last batch was written) a batch waits up to {@code linger} for more writes before it is
 * written, so that a commit carries more messages (zero: never); it stops waiting once it holds as many
 * as the fullest recent batch.
 */
public record StoreSettings(int batchSize, int queueCapacity, long queueMaxBytes, Duration linger) {

    public static final String BATCH_SIZE = "missive.store.batch-size";
    public static final String QUEUE_CAPACITY = "missive.store.queue-capacity";
    public static final String QUEUE_MAX_BYTES = "missive.store.queue-max-bytes";
    public static final String LINGER = "missive.store.linger";
    /** 64 MiB: a thousand of the largest payloads (64 KiB), a million small ones. */
    public static final long DEFAULT_QUEUE_MAX_BYTES = 64L << 20;

    public StoreSettings {
        if (batchSize < 1 || queueCapacity < 1 || queueMaxBytes < 1) {
            throw new IllegalArgumentException(BATCH_SIZE + ", " + QUEUE_CAPACITY + " and " + QUEUE_MAX_BYTES
                    + " must be positive");
        }
        if (linger.isNegative() || linger.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException(LINGER + " must be between 0 and 1s, not " + linger);
        }
    }

    /** Without linger. */
    public StoreSettings(int batchSize, int queueCapacity, long queueMaxBytes) {
        this(batchSize, queueCapacity, queueMaxBytes, Duration.ZERO);
    }

    public StoreSettings(int batchSize, int queueCapacity) {
        this(batchSize, queueCapacity, DEFAULT_QUEUE_MAX_BYTES);
    }
}
