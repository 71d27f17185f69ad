package io.missive.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {

    private final Logger logger = Logger.getLogger(ThrottledLogTest.class.getName() + ".sample");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private long now = 1_000;

    ThrottledLogTest() {
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void detach() {
        logger.removeHandler(capture);
    }

    private List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Test
    void aFloodIsWrittenUpToTheWindowsLinesThenCountedAndTheCountGoesWithTheNextLine() {
        ThrottledLog log = new ThrottledLog(logger, Level.INFO, () -> java.time.Instant.ofEpochMilli(now));
        for (int i = 1; i <= ThrottledLog.LINES_PER_WINDOW + 5; i++) {
            int n = i;
            log.log(() -> "refused " + n);
        }
        assertThat(records).hasSize(ThrottledLog.LINES_PER_WINDOW);
        assertThat(messages().get(ThrottledLog.LINES_PER_WINDOW - 1)).isEqualTo("refused " + ThrottledLog.LINES_PER_WINDOW);

        now += ThrottledLog.WINDOW_MILLIS;
        log.log(() -> "refused again");
        assertThat(messages()).last().asString()
                .isEqualTo("refused again (5 more like it were left out: at most 20 every 10 s)");
        log.log(() -> "and again");
        assertThat(messages()).last().isEqualTo("and again");
    }

    @Test
    void aLineLeftOutStillGoesToFine() {
        logger.setLevel(Level.FINE);
        ThrottledLog log = new ThrottledLog(logger, Level.INFO, () -> java.time.Instant.ofEpochMilli(now));
        for (int i = 0; i <= ThrottledLog.LINES_PER_WINDOW; i++) {
            log.log(() -> "refused");
        }
        assertThat(records).hasSize(ThrottledLog.LINES_PER_WINDOW + 1);
        assertThat(records.get(ThrottledLog.LINES_PER_WINDOW).getLevel()).isEqualTo(Level.FINE);
    }

    @Test
    void nothingIsFormattedWhenTheLevelIsOff() {
        logger.setLevel(Level.WARNING);
        ThrottledLog log = new ThrottledLog(logger, Level.INFO, () -> java.time.Instant.ofEpochMilli(now));
        log.log(() -> {
            throw new AssertionError("formatted");
        });
        assertThat(records).isEmpty();
    }
}
