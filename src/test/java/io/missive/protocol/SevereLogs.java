package io.missive.protocol;

import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For fuzz targets that run connections, registered as a static extension: Missive's loggers are
 * quieted to WARNING for the test class (millions of bad inputs would each log a line at INFO), and
 * what they log at SEVERE (a task that failed, an unexpected exception) is a finding, since a
 * connection's mailbox catches such failures and only logs them.
 */
public final class SevereLogs extends LogCapture implements AfterAllCallback {

    public SevereLogs() {
        super("io.missive", Level.WARNING);
    }

    /** Fails with the first SEVERE record since the last call, its exception as the cause. */
    public void assertNone(Supplier<String> input) {
        List<LogRecord> severe = at(Level.SEVERE);
        clear();
        if (!severe.isEmpty()) {
            // the input is written out only then: a fuzz target calls this for every execution
            throw new AssertionError("on " + input.get() + " logged SEVERE: " + severe.get(0).getMessage(),
                    severe.get(0).getThrown());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
