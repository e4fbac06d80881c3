package dev.recur.series;

import dev.recur.tensor.Tensor;

/**
 * Windows of one split part, standardised: {@code inputs [n, W, inputs]}, {@code targets [n, H·targets]}
 * (step-major), and the first target row of each window in the table.
 */
public record WindowSet(Tensor inputs, Tensor targets, int[] targetStarts) {
    public int size() { return targetStarts.length; }
}
