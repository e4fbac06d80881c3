package dev.recur.nn;

import dev.recur.tensor.Tensor;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What {@link AttentionPool} and {@link AttentionStatsPool} share: the width, the score weight {@code w} [1, D]
 * (named {@code weight}, zero at the start, so a fresh layer weighs every step alike), the config, and the
 * attention weights themselves: one score per valid step of a row, {@code s_t = w·h_t}, and their softmax over
 * those steps ({@link #softmax}). Each says only what it computes from them.
 */
abstract sealed class AttentionPooling implements SequenceToVector permits AttentionPool, AttentionStatsPool {
    private final String type;
    final int size;
    final Param weight;

    AttentionPooling(String type, int size) {
        this.type = type;
        this.size = Steps.positive(type, "size", size);
        this.weight = new Param("weight", Tensor.zeros(1, size));
    }

    @Override public final String type() { return type; }
    @Override public final int inputSize() { return size; }
    public final Param weight() { return weight; }

    @Override public final List<Param> params() { return List.of(weight); }

    /** Zeros: every step weighs alike at the start (the random source is not drawn from). */
    @Override public final void initialize(Random random) { weight.value().fill(0f); }

    @Override public final Map<String, Object> config() { return Map.of("size", size); }

    /**
     * α over the first {@code len} (≥ 1) steps of the row whose step 0 starts at {@code v[offset]}, each step
     * {@code w.length} features wide (the largest score subtracted first, in double).
     */
    static double[] softmax(float[] v, int offset, int len, float[] w) {
        int size = w.length;
        double max = Double.NEGATIVE_INFINITY;
        double[] s = new double[len];
        for (int t = 0; t < len; t++) {
            int o = offset + t * size;
            double acc = 0;
            for (int d = 0; d < size; d++) acc += (double) w[d] * v[o + d];
            s[t] = acc;
            max = Math.max(max, acc);
        }
        double z = 0;
        for (int t = 0; t < len; t++) z += s[t] = Math.exp(s[t] - max);
        for (int t = 0; t < len; t++) s[t] /= z;
        return s;
    }
}
