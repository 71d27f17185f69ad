package io.missive.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The commit-feed gate's section of docs/cluster.md. The rest of that file is written by hand, so
 * the report replaces its own section (from {@link #HEADING} to the next {@code ## } heading) and
 * leaves everything else as it is.
 */
final class CommitFeedGateReport {

    static final String HEADING = "## Commit feed gate benchmark";
    /** The design's rule: 3 notifying writers at batch 20 must reach this share of one writer without NOTIFY. */
    static final double GO_SHARE = 0.80;

    private final BenchOptions options;
    private final MachineInfo machine;
    private final String settings;

    CommitFeedGateReport(BenchOptions options, MachineInfo machine, String settings) {
        this.options = options;
        this.machine = machine;
        this.settings = settings;
    }

    /** Writes the section for {@code runs} (each every cell of {@link CommitFeedCell#grid()}) into {@code file}. */
    void write(Path file, List<List<CommitFeedResult>> runs) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, MarkdownSections.replace(existing, HEADING, section(runs)), StandardCharsets.UTF_8);
    }

    private String section(List<List<CommitFeedResult>> runs) {
        StringBuilder out = new StringBuilder(HEADING).append("\n\n");
        out.append("""
                The commit feed of the cluster design puts a `pg_notify` into every committing transaction. PostgreSQL \
                holds an instance-wide lock from a notifying commit's queue insert through its WAL flush, so notifying \
                transactions may commit one at a time where plain ones share a flush (group commit). This gate measures \
                that with JDBC alone, before the cluster is built on it. The design's rule: **go if 3 writers with \
                NOTIFY at batch 20 reach at least 80 % of the rows/s of 1 writer without it.**

                """);
        out.append(verdict(runs)).append("\n\n");
        out.append("Reproduce: `").append(BenchmarkReport.command(options)).append("` (no Payara and no WAR at run time:")
                .append(" an embedded PostgreSQL and JDBC only; about ")
                .append(minutes(runs.size())).append(" min).\n\n");
        out.append("- Commit measured: ").append(machine.commit()).append('\n');
        out.append("- Machine: ").append(machine.oneLine()).append('\n');
        out.append("- Load average at the start: ").append(machine.loadAverageAtStart())
                .append("; at the end (this run's own load included): ")
                .append(MachineInfo.read().loadAverageAtStart()).append(" (1, 5, 15 min)").append('\n');
        out.append("- PostgreSQL: embedded (zonky), a fresh data directory, durable; in force (`SHOW`): `")
                .append(settings).append("`\n");
        out.append("""
                - A transaction: `UPDATE conversations SET last_seq = last_seq + n WHERE id = ? RETURNING last_seq` \
                (each writer its own conversation row, so no writer waits for another's row lock), one multi-row \
                `INSERT INTO messages (conversation_id, seq, payload, created_at)` of n rows of 100 bytes (primary key \
                and foreign key as in `V1__spine.sql`), with notify on `SELECT pg_notify('missive_bench', ?)` with a \
                60-character notice, then `COMMIT`.
                - Each writer: its own connection (autocommit off) and thread. With notify on, one more autocommit \
                connection LISTENs and drains notifications with pgjdbc's `getNotifications`; *heard* counts them \
                against the notifying commits, warm-up included.
                """);
        out.append("- Each cell: ").append(options.gateWarmUp().toSeconds()).append(" s of warm-up, then ")
                .append(options.gateCell().toSeconds()).append(" s measured; before it the messages table is emptied")
                .append(" and a CHECKPOINT taken. Latency: a transaction from its UPDATE to the return of its COMMIT.")
                .append(" *vs 1 writer*: rows/s against 1 writer without notify at the same batch, same run.\n");
        for (int run = 0; run < runs.size(); run++) {
            out.append("\n### Run ").append(run + 1).append(" of ").append(runs.size()).append("\n\n");
            appendTable(out, runs.get(run));
        }
        return out.toString();
    }

    private String verdict(List<List<CommitFeedResult>> runs) {
        List<Double> shares = runs.stream().map(run -> gateShare(run, CommitFeedCell.GATE.baseline())).toList();
        double lowest = shares.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        String each = shares.stream().map(CommitFeedGateReport::percent).collect(Collectors.joining(", "));
        StringBuilder verdict = new StringBuilder("**Verdict: ").append(lowest >= GO_SHARE ? "go" : "no-go")
                .append(".** 3 writers with NOTIFY at batch 20 reached ").append(each).append(" of 1 writer without it")
                .append(runs.size() > 1 ? " (run by run; the verdict takes the lowest)" : "")
                .append("; the rule asks for ").append(percent(GO_SHARE)).append('.');
        // the rule's baseline cannot share a flush; 3 writers without NOTIFY can, so this shows what NOTIFY itself costs
        CommitFeedCell sameWritersWithoutNotify = new CommitFeedCell(3, CommitFeedCell.GATE.batch(), false);
        verdict.append(" Against 3 writers without NOTIFY at batch 20, the same cell reached ")
                .append(runs.stream().map(run -> percent(gateShare(run, sameWritersWithoutNotify)))
                        .collect(Collectors.joining(", "))).append('.');
        if (machine.loadAverage1() > BenchmarkReport.BUSY_LOAD) {
            verdict.append(" The machine (").append(machine.cores()).append(" cores) was in use by others at the start")
                    .append(" (load average ").append(machine.loadAverageAtStart()).append("), so the figures are noisy.");
        }
        return verdict.toString();
    }

    /** Rows/s of the gate cell as a share of those of {@code other} in the same run. */
    private static double gateShare(List<CommitFeedResult> run, CommitFeedCell other) {
        Map<CommitFeedCell, CommitFeedResult> byCell = byCell(run);
        return byCell.get(CommitFeedCell.GATE).rowsPerSecond() / byCell.get(other).rowsPerSecond();
    }

    private static void appendTable(StringBuilder out, List<CommitFeedResult> run) {
        Map<CommitFeedCell, CommitFeedResult> byCell = byCell(run);
        out.append("| writers | batch | notify | commits/s | rows/s | p50 ms | p99 ms | vs 1 writer | notifications heard |\n");
        out.append("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (CommitFeedResult result : run) {
            CommitFeedCell cell = result.cell();
            double share = result.rowsPerSecond() / byCell.get(cell.baseline()).rowsPerSecond();
            out.append(String.format("| %d | %d | %s | %,.0f | %,.0f | %s | %s | %s | %s |%n", cell.writers(), cell.batch(),
                    cell.notifies() ? "on" : "off", result.commitsPerSecond(), result.rowsPerSecond(),
                    LatencyHistograms.millis(result.p50Micros()), LatencyHistograms.millis(result.p99Micros()),
                    cell.equals(CommitFeedCell.GATE) ? "**" + percent(share) + "**" : percent(share), heard(result)));
        }
    }

    private static String heard(CommitFeedResult result) {
        if (!result.cell().notifies()) {
            return "–";
        }
        return String.format("%,d of %,d%s", result.notifications(), result.notified(),
                result.notificationsComplete() ? "" : " **(incomplete)**");
    }

    private static Map<CommitFeedCell, CommitFeedResult> byCell(List<CommitFeedResult> run) {
        return run.stream().collect(Collectors.toMap(CommitFeedResult::cell, Function.identity()));
    }

    private long minutes(int runs) {
        long seconds = runs * CommitFeedCell.grid().size() * (options.gateWarmUp().toSeconds() + options.gateCell().toSeconds() + 1);
        return Math.max(1, Math.round(seconds / 60.0));
    }

    private static String percent(double share) {
        return String.format("%.0f %%", share * 100);
    }
}
