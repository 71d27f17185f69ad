package io.missive.bench;

import io.missive.launch.EmbeddedDatabase;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The gate of the cluster's commit feed (design: "a commit feed through PostgreSQL LISTEN/NOTIFY"):
 * a notifying commit takes an instance-wide lock through its flush, so do notifying writers
 * serialize? Plain JDBC against a durable embedded PostgreSQL, neither Missive nor Payara: every
 * {@link CommitFeedCell} for a fixed time, {@code bench.gate-runs} times, then the section of
 * docs/cluster.md ({@link CommitFeedGateReport}).
 */
final class CommitFeedGateScenario {

    static final String CHANNEL = "missive_bench";

    /** Settings shown in the report beside the durability ones, as they shape a commit's cost. */
    private static final List<String> OTHER_SETTINGS = List.of("server_version", "wal_sync_method", "commit_delay",
            "shared_buffers", "max_wal_size");
    /** Time a cell's listener may go without a notification before the missing ones count as lost. */
    private static final Duration NOTIFICATION_QUIET = Duration.ofSeconds(5);

    private final BenchOptions options;
    private final PrintStream progress;

    CommitFeedGateScenario(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Starts PostgreSQL in {@code dataDirectory} on {@code port}, measures, stops it and writes the report. */
    void run(MachineInfo machine, Path dataDirectory, int port) throws IOException, InterruptedException {
        progress.println();
        progress.println("Commit feed gate: starting PostgreSQL (embedded, durable, data in " + dataDirectory + ") ...");
        List<List<CommitFeedResult>> runs = new ArrayList<>();
        String settings;
        try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(dataDirectory, port)) {
            settings = createSchemaAndShowSettings(database);
            progress.println("  PostgreSQL settings in force (SHOW): " + settings);
            for (int run = 1; run <= options.gateRuns(); run++) {
                progress.printf("  run %d of %d, %d cells of %d s after %d s of warm-up:%n", run, options.gateRuns(),
                        CommitFeedCell.grid().size(), options.gateCell().toSeconds(), options.gateWarmUp().toSeconds());
                List<CommitFeedResult> results = new ArrayList<>();
                for (CommitFeedCell cell : CommitFeedCell.grid()) {
                    results.add(measure(database, cell));
                    progress.println("    " + describe(results.get(results.size() - 1)));
                }
                runs.add(results);
            }
        } catch (SQLException e) {
            throw new IOException("the commit feed gate failed: " + e.getMessage(), e);
        }
        Path report = options.outputDir().resolve("cluster.md");
        new CommitFeedGateReport(options, machine, settings).write(report, runs);
        progress.println("Written: section \"" + CommitFeedGateReport.HEADING + "\" of " + report);
    }

    /**
     * The tables, shaped like Missive's (V1__spine.sql) but without the columns a writer's cost does not
     * depend on, one conversation per possible writer; and the settings in force, in one line.
     */
    private static String createSchemaAndShowSettings(EmbeddedDatabase database) throws SQLException {
        try (Connection connection = connect(database); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE conversations (id BIGINT PRIMARY KEY, last_seq BIGINT NOT NULL DEFAULT 0)");
            sql.execute("CREATE TABLE messages (conversation_id BIGINT NOT NULL REFERENCES conversations (id),"
                    + " seq BIGINT NOT NULL, payload BYTEA NOT NULL, created_at TIMESTAMPTZ NOT NULL,"
                    + " PRIMARY KEY (conversation_id, seq))");
            int most = CommitFeedCell.WRITERS.stream().mapToInt(Integer::intValue).max().orElseThrow();
            sql.execute("INSERT INTO conversations (id) SELECT generate_series(1, " + most + ")");
            List<String> names = new ArrayList<>(EmbeddedDatabase.DURABILITY_SETTINGS);
            names.addAll(OTHER_SETTINGS);
            Map<String, String> shown = EmbeddedDatabase.show(connection, names);
            return EmbeddedDatabase.describe(shown);
        }
    }

    private CommitFeedResult measure(EmbeddedDatabase database, CommitFeedCell cell)
            throws SQLException, InterruptedException {
        startClean(database);
        List<CommitFeedWriter> writers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(cell.writers());
        try (NotificationCounter listener = cell.notifies() ? new NotificationCounter(connect(database), CHANNEL) : null) {
            for (int i = 1; i <= cell.writers(); i++) {
                // a conversation of its own per writer: the writers never wait for each other's row lock
                writers.add(new CommitFeedWriter(connect(database), i, cell));
            }
            long measureFrom = System.nanoTime() + options.gateWarmUp().toNanos();
            long end = measureFrom + options.gateCell().toNanos();
            List<Future<CommitFeedWriter.Tally>> running = new ArrayList<>();
            for (CommitFeedWriter writer : writers) {
                running.add(threads.submit(() -> writer.run(measureFrom, end)));
            }
            long commits = 0;
            long committed = 0;
            Histogram latency = LatencyHistograms.empty();
            for (Future<CommitFeedWriter.Tally> writer : running) {
                CommitFeedWriter.Tally tally = writerTally(writer);
                commits += tally.commits();
                committed += tally.committed();
                latency.add(tally.latency());
            }
            long notified = cell.notifies() ? committed : 0;
            long notifications = listener == null ? 0 : listener.awaitCount(notified, NOTIFICATION_QUIET);
            double seconds = options.gateCell().toNanos() / 1e9;
            return new CommitFeedResult(cell, seconds, commits, commits * cell.batch(), latency, notified, notifications);
        } finally {
            threads.shutdownNow();
            for (CommitFeedWriter writer : writers) {
                writer.close();
            }
        }
    }

    private static CommitFeedWriter.Tally writerTally(Future<CommitFeedWriter.Tally> writer)
            throws SQLException, InterruptedException {
        try {
            return writer.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException("a writer failed: " + e.getCause(), e);
        }
    }

    /**
     * Every cell starts from an empty messages table and a fresh checkpoint, so that neither the
     * rows nor the WAL of earlier cells weigh on later ones.
     */
    private static void startClean(EmbeddedDatabase database) throws SQLException {
        try (Connection connection = connect(database); Statement sql = connection.createStatement()) {
            sql.execute("TRUNCATE messages");
            sql.execute("UPDATE conversations SET last_seq = 0");
            sql.execute("VACUUM ANALYZE conversations");
            sql.execute("CHECKPOINT");
        }
    }

    private static Connection connect(EmbeddedDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private static String describe(CommitFeedResult result) {
        return String.format("%-32s %,9.0f commits/s %,10.0f rows/s  p50 %s ms  p99 %s ms%s", result.cell(),
                result.commitsPerSecond(), result.rowsPerSecond(), LatencyHistograms.millis(result.p50Micros()),
                LatencyHistograms.millis(result.p99Micros()), result.cell().notifies()
                        ? String.format("  notifications %,d of %,d", result.notifications(), result.notified()) : "");
    }
}
