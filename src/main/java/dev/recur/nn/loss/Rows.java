package dev.recur.nn.loss;

import dev.recur.nn.Seq;

/** Per-row bookkeeping shared by the losses: rows are batch rows of [B, D] or (row, step) pairs of [B, T, D]. */
final class Rows {
    private Rows() {}

    /** Number of rows, after checking that targets has one entry per row. */
    static int count(Seq out, int[] targets, String loss) {
        int rows = out.isSequence() ? out.batch() * out.steps() : out.batch();
        if (targets.length != rows) {
            String shape = out.isSequence() ? "batch " + out.batch() + " × steps " + out.steps() : "batch " + out.batch();
            throw new IllegalArgumentException(loss + ": expected " + rows + " targets (" + shape + "), got " + targets.length);
        }
        return rows;
    }

    /** Whether flat row r (= b·steps + t) is a valid step. */
    static boolean valid(Seq out, int r, int steps) {
        return !out.isSequence() || r % steps < out.length(r / steps);
    }

    static String where(Seq out, int r, int steps) {
        return out.isSequence() ? "row " + (r / steps) + ", step " + (r % steps) : "row " + r;
    }
}
