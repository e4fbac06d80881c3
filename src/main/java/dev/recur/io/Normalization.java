package dev.recur.io;

import java.util.Arrays;

/**
 * Per-feature standardisation the model was trained with: x' = (x − mean) / std, applied to every input
 * step before the first layer.
 */
public record Normalization(float[] mean, float[] std) {

    public Normalization {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("normalization: mean has " + mean.length + " values but std has " + std.length);
        }
        for (int i = 0; i < mean.length; i++) {
            if (!Float.isFinite(mean[i])) throw new IllegalArgumentException("normalization: mean[" + i + "] is " + mean[i]);
            if (!(std[i] > 0) || !Float.isFinite(std[i])) {
                throw new IllegalArgumentException("normalization: std[" + i + "] must be finite and > 0, got " + std[i]);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    public int size() { return mean.length; }

    /** Normalises values laid out as rows of {@link #size()} features, in place. */
    public void apply(float[] values) {
        int n = mean.length;
        if (values.length % n != 0) throw new IllegalArgumentException("normalization: " + values.length + " values are not rows of " + n);
        for (int i = 0; i < values.length; i++) values[i] = (values[i] - mean[i % n]) / std[i % n];
    }

    @Override public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std); }

    @Override public String toString() { return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]"; }
}
