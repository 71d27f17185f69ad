package io.missive.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The java.util.logging records of one logger while a test runs (attach in a field, {@link #close}
 * in {@code @AfterEach}). Records at every level are kept; the logger's level is restored on close.
 */
public class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level levelBefore;
    private final List<LogRecord> records = new ArrayList<>();

    public LogCapture(Class<?> loggerOf) {
        this(loggerOf.getName(), Level.ALL);
    }

    /** Captures what {@code loggerName} and the loggers under it log, which log from {@code level} up meanwhile. */
    public LogCapture(String loggerName, Level level) {
        this.logger = Logger.getLogger(loggerName);
        this.levelBefore = logger.getLevel();
        logger.setLevel(level);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Forgets what was captured so far. */
    public synchronized void clear() {
        records.clear();
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** The records at {@code level} exactly. */
    public synchronized List<LogRecord> at(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).toList();
    }

    /** The messages of the records at {@code level} exactly. */
    public List<String> messages(Level level) {
        return at(level).stream().map(LogRecord::getMessage).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(levelBefore);
    }
}
