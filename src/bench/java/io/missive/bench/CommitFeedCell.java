package io.missive.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One cell of the commit-feed gate: {@code writers} concurrent writers committing {@code batch} rows
 * per transaction, each transaction with a {@code pg_notify} if {@code notifies}.
 */
record CommitFeedCell(int writers, int batch, boolean notifies) {

    static final List<Integer> WRITERS = List.of(1, 3);
    static final List<Integer> BATCHES = List.of(1, 20, 200);

    /** The cell the design's rule judges: 3 writers with NOTIFY at batch 20. */
    static final CommitFeedCell GATE = new CommitFeedCell(3, 20, true);

    /** Every cell, by batch, then notify off before on, then writers: each batch's baseline comes first. */
    static List<CommitFeedCell> grid() {
        List<CommitFeedCell> cells = new ArrayList<>();
        for (int batch : BATCHES) {
            for (boolean notifies : List.of(false, true)) {
                for (int writers : WRITERS) {
                    cells.add(new CommitFeedCell(writers, batch, notifies));
                }
            }
        }
        return cells;
    }

    /** The cell every cell of the same batch is compared with: one writer without NOTIFY. */
    CommitFeedCell baseline() {
        return new CommitFeedCell(1, batch, false);
    }

    @Override
    public String toString() {
        return writers + " writer" + (writers == 1 ? "" : "s") + ", batch " + batch + ", notify " + (notifies ? "on" : "off");
    }
}
