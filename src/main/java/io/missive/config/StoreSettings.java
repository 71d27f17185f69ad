package io.missive.config;

/**
 * The store's group-commit writers (the message log's and MQTT's): at most {@code batchSize}
 * writes per transaction, at most {@code queueCapacity} waiting before a write is refused.
 */
public record StoreSettings(int batchSize, int queueCapacity) {

    public static final String BATCH_SIZE = "missive.store.batch-size";
    public static final String QUEUE_CAPACITY = "missive.store.queue-capacity";

    public StoreSettings {
        if (batchSize < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException(BATCH_SIZE + " and " + QUEUE_CAPACITY + " must be positive");
        }
    }
}
