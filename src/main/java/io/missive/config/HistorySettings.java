package io.missive.config;

/** History pages, over REST and MQTT alike: at most {@code maxPageSize} messages in one. */
public record HistorySettings(int maxPageSize) {

    public static final String MAX_PAGE_SIZE = "missive.history.max-page-size";

    public HistorySettings {
        if (maxPageSize < 1) {
            throw new IllegalArgumentException(MAX_PAGE_SIZE + " must be positive");
        }
    }
}
