package dev.recur.nn;

import dev.recur.tensor.Tensor;

/**
 * A batch flowing between layers: values {@code [batch, steps, dims]} (or {@code [batch, dims]} after a
 * sequence-to-vector layer) and the valid length of each batch row. Padding is always at the end of a row;
 * {@code lengths == null} means every row uses all steps.
 */
public record Seq(Tensor values, int[] lengths) {

    public static Seq full(Tensor values) { return new Seq(values, null); }

    public int batch() { return values.dim(0); }
    public int steps() { return values.rank() == 3 ? values.dim(1) : 1; }
    public int dims() { return values.dim(-1); }
    public boolean isSequence() { return values.rank() == 3; }

    /** Valid length of batch row b. */
    public int length(int b) { return lengths == null ? steps() : lengths[b]; }
}
