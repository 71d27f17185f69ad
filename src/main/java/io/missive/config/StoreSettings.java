package io.missive.config;

/**
 * The store's group-commit writers (the message log's and MQTT's): at most {@code batchSize}
 * writes per transaction; at most {@code queueCapacity} writes, and at most {@code queueMaxBytes}
 * bytes of payload, waiting before a write is refused.
 */
public record StoreSettings(int batchSize, int queueCapacity, long queueMaxBytes) {

    public static final String BATCH_SIZE = "missive.store.batch-size";
    public static final String QUEUE_CAPACITY = "missive.store.queue-capacity";
    public static final String QUEUE_MAX_BYTES = "missive.store.queue-max-bytes";
    /** 64 MiB: a thousand of the largest payloads (64 KiB), a million small ones. */
    public static final long DEFAULT_QUEUE_MAX_BYTES = 64L << 20;

    public StoreSettings {
        if (batchSize < 1 || queueCapacity < 1 || queueMaxBytes < 1) {
            throw new IllegalArgumentException(BATCH_SIZE + ", " + QUEUE_CAPACITY + " and " + QUEUE_MAX_BYTES
                    + " must be positive");
        }
    }

    public StoreSettings(int batchSize, int queueCapacity) {
        this(batchSize, queueCapacity, DEFAULT_QUEUE_MAX_BYTES);
    }
}
