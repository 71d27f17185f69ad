package io.missive.core.logging;

import java.time.InstantSource;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One kind of log line that a peer can cause at will (a refused login, a refused connection), written
 * at most {@link #LINES_PER_WINDOW} times per {@link #WINDOW_MILLIS window}: past that the lines are
 * counted, not formatted or written (FINE still gets each), and the next line written says how many
 * were left out. So a flood of bad logins can neither fill the disk nor spend the server's CPU on its
 * own log; the first lines of a flood still name its address. EMQX throttles its authentication
 * failure lines the same way.
 */
public final class ThrottledLog {

    public static final int LINES_PER_WINDOW = 20;
    public static final long WINDOW_MILLIS = 10_000;

    private final Logger logger;
    private final Level level;
    private final InstantSource clock;
    private long windowStart;   // guarded by this
    private int written;        // guarded by this
    private long leftOut;       // guarded by this

    public ThrottledLog(Logger logger, Level level, InstantSource clock) {
        this.logger = logger;
        this.level = level;
        this.clock = clock;
        this.windowStart = clock.millis();
    }

    /** Writes the line, unless this window's lines are spent. */
    public void log(Supplier<String> line) {
        if (!logger.isLoggable(level)) {
            return;
        }
        long omitted;
        synchronized (this) {
            long now = clock.millis();
            if (now - windowStart >= WINDOW_MILLIS) {
                windowStart = now;
                written = 0;
            }
            if (written >= LINES_PER_WINDOW) {
                leftOut++;
                omitted = -1;
            } else {
                written++;
                omitted = leftOut;
                leftOut = 0;
            }
        }
        if (omitted < 0) {
            logger.log(Level.FINE, line);
        } else if (omitted == 0) {
            logger.log(level, line);
        } else {
            logger.log(level, () -> line.get() + " (" + omitted + " more like it were left out: at most "
                    + LINES_PER_WINDOW + " every " + WINDOW_MILLIS / 1000 + " s)");
        }
    }
}
