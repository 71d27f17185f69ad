package io.missive.bench;

import io.missive.launch.EmbeddedDatabase;
import io.missive.store.WriterSqlLoad;
import org.HdrHistogram.Histogram;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL alone, neither Missive nor Payara: what a durable commit costs it on this machine. A JDBC
 * connection in auto-commit per kind writes 100-byte rows at the cost run's rate ({@code bench.cost-rate}),
 * {@code k} rows to a commit for each {@code k} of {@link #BATCHES}, each commit one statement, in two kinds:
 * rows into a table with a primary key and nothing else, the least a durable store of one row per message can
 * cost PostgreSQL at that rate; and Missive's own batch call (its writer's SQL on its writer's held
 * connection, {@link WriterSqlLoad}: messages of {@code bench.pairs} conversations, each batch with the
 * acknowledgements of the one before), the same work its writer gives PostgreSQL at that many messages per
 * commit. Each against how long a batch keeps its first row waiting. A PostgreSQL of its own, with the
 * suite's durable settings and Missive's schema, so that nothing else runs in it.
 */
final class CommitFloorScenario {

    static final List<Integer> BATCHES = List.of(1, 4, 16, 64);
    private static final int PAYLOAD_BYTES = 100;

    private final BenchOptions options;
    private final PrintStream progress;

    CommitFloorScenario(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** What one commit writes: {@code rows} rows, committed by the call. */
    @FunctionalInterface
    private interface Writer {
        void commit(int rows) throws SQLException;
    }

    /** The two kinds of commit measured, each at every batch size. */
    enum Kind {
        PLAIN("one table, a primary key"),
        MISSIVE("Missive's batch call");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** Starts PostgreSQL in {@code dataDirectory} on {@code port}, measures every kind and batch size and stops it. */
    List<CommitFloorResult> run(Path dataDirectory, int port) throws IOException {
        progress.println();
        progress.printf("Commit floor: PostgreSQL alone, %,.0f rows/s, %s rows per commit, %d s each after %d s of warm-up%n",
                options.costRate(), BATCHES, options.costDuration().toSeconds(), options.warmUp().toSeconds());
        List<CommitFloorResult> results = new ArrayList<>();
        try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(dataDirectory, port);
             Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            progress.println("  PostgreSQL runs " + database.durability() + ": " + database.settingsInForce());
            CommitFeedWriter.requireSynchronousCommit(connection);
            Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").load().migrate();
            try (Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE floor_rows (id BIGINT PRIMARY KEY, payload BYTEA NOT NULL,"
                        + " created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
                // what the writer's HeldConnection sets, so that both kinds plan alike
                sql.execute("SET plan_cache_mode = force_generic_plan");
            }
            CpuMeter cpu = new CpuMeter().processTree(CostReport.POSTGRESQL, () -> MissiveUnderTest.postmasterOf(dataDirectory));
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO floor_rows (id, payload) SELECT * FROM unnest(?::bigint[], ?::bytea[])");
                 WriterSqlLoad missive = new WriterSqlLoad(database.dataSource(), options.pairs(), PAYLOAD_BYTES)) {
                Map<Kind, Writer> writers = new EnumMap<>(Kind.class);
                writers.put(Kind.PLAIN, plainInserts(insert));
                writers.put(Kind.MISSIVE, missive::writeBatch);
                for (Kind kind : Kind.values()) {
                    for (int batch : BATCHES) {
                        CommitFloorResult result = measure(connection, cpu, kind, writers.get(kind), batch);
                        results.add(result);
                        progress.printf("  %s, %2d rows per commit: %,7.0f commits/s, PostgreSQL %.2f cores, %,5.0f µs per"
                                        + " commit, %,4.0f µs per row; commit p99 %s ms, max %s ms; first row's wait p99 %s ms%n",
                                kind.label, batch, result.commitsPerSecond(), result.postgresCores(), result.microsPerCommit(),
                                result.microsPerRow(), LatencyHistograms.millis(result.commit().getValueAtPercentile(99)),
                                LatencyHistograms.millis(result.commit().getMaxValue()),
                                LatencyHistograms.millis(result.oldestRow().getValueAtPercentile(99)));
                    }
                }
            }
        } catch (SQLException | FlywayException e) {
            throw new IOException("the commit floor failed: " + e.getMessage(), e);
        }
        return results;
    }

    /** Rows of 100 bytes into a table with a primary key only, one statement per commit (auto-commit). */
    private static Writer plainInserts(PreparedStatement insert) {
        long[] nextId = {1};
        byte[] payload = new byte[PAYLOAD_BYTES];
        return rows -> {
            Long[] ids = new Long[rows];
            byte[][] payloads = new byte[rows][];
            for (int r = 0; r < rows; r++) {
                ids[r] = nextId[0]++;
                payloads[r] = payload;
            }
            insert.setObject(1, ids);
            insert.setObject(2, payloads);
            insert.executeUpdate();
        };
    }

    /**
     * Rows arrive at the rate, one after the other; a batch is sent when its last row has arrived, or at once
     * when the last commit ended later (the wait counts from its first row's arrival all the same). A writer
     * that falls behind stops at the schedule's end: its rate is then what it did, and short of the offer.
     */
    private CommitFloorResult measure(Connection connection, CpuMeter cpu, Kind kind, Writer writer, int batch)
            throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("TRUNCATE floor_rows, messages");
            sql.execute("CHECKPOINT");   // no cell pays for the dirty pages of the one before it
        }
        double rate = options.costRate();
        long warmUp = options.warmUp().toNanos();
        long start = System.nanoTime() + 10_000_000;
        long measureFrom = start + warmUp;
        long end = measureFrom + options.costDuration().toNanos();
        FixedRateSchedule batches = new FixedRateSchedule(start, rate / batch, end - start);
        long gather = Math.round((batch - 1) * 1e9 / rate);
        Histogram commit = LatencyHistograms.empty();
        Histogram oldestRow = LatencyHistograms.empty();
        long measured = 0;
        CpuMeter.Snapshot before = null;
        for (long i = 0; i < batches.count(); i++) {
            long firstRow = batches.intendedNanos(i);
            if (before == null && firstRow >= measureFrom) {
                before = cpu.snapshot();
            }
            FixedRateSchedule.waitUntil(firstRow + gather);
            long sent = System.nanoTime();
            if (sent > end) {
                break;
            }
            writer.commit(batch);
            long answered = System.nanoTime();
            if (before != null) {
                measured++;
                commit.recordValue(LatencyHistograms.micros(answered - sent));
                oldestRow.recordValue(LatencyHistograms.micros(answered - firstRow));
            }
        }
        CpuMeter.Snapshot after = cpu.snapshot();
        if (before == null) {
            throw new SQLException("the writer never reached the measured time");
        }
        CpuShares shares = after.since(before);
        double seconds = (after.atNanos() - before.atNanos()) / 1e9;
        return new CommitFloorResult(kind.label, batch, rate, measured / seconds,
                shares.cores().getOrDefault(CostReport.POSTGRESQL, 0.0), shares.others(), commit, oldestRow);
    }
}
