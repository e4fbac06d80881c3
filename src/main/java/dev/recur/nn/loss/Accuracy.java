package dev.recur.nn.loss;

import dev.recur.nn.Seq;

/** How many argmax predictions matched their targets, over the counted (valid) rows; add batches with {@link #plus}. */
public record Accuracy(long correct, long total) {

    public static final Accuracy NONE = new Accuracy(0, 0);

    /** Accuracy of logits [B, C] against int[B], or [B, T, C] against int[B·T] over valid steps. */
    public static Accuracy of(Seq logits, int[] targets) {
        int rows = Rows.count(logits, targets, "accuracy");
        int[] pred = argmax(logits);
        int steps = logits.isSequence() ? logits.steps() : 1;
        long correct = 0, total = 0;
        for (int r = 0; r < rows; r++) {
            if (!Rows.valid(logits, r, steps)) continue;
            total++;
            if (pred[r] == targets[r]) correct++;
        }
        return new Accuracy(correct, total);
    }

    /** Index of the largest value in each row ([B] or [B·T]); the first on ties; −1 on padded steps. */
    public static int[] argmax(Seq logits) {
        int classes = logits.dims();
        int steps = logits.isSequence() ? logits.steps() : 1;
        int rows = logits.values().size() / classes;
        float[] x = logits.values().data();
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            if (!Rows.valid(logits, r, steps)) { out[r] = -1; continue; }
            int best = 0, o = r * classes;
            for (int c = 1; c < classes; c++) if (x[o + c] > x[o + best]) best = c;
            out[r] = best;
        }
        return out;
    }

    public Accuracy plus(Accuracy other) { return new Accuracy(correct + other.correct, total + other.total); }

    /** correct / total, or 0 when nothing was counted. */
    public double value() { return total == 0 ? 0 : (double) correct / total; }
}
