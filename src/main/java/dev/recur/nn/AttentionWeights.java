package dev.recur.nn;

/**
 * The attention weights that {@link AttentionPool} and {@link AttentionStatsPool} share: one score per valid step
 * of a row, {@code s_t = w·h_t}, and their softmax over those steps (the largest score subtracted first, in double).
 */
final class AttentionWeights {
    private AttentionWeights() {}

    /**
     * α over the first {@code len} (≥ 1) steps of the row whose step 0 starts at {@code v[offset]}, each step
     * {@code w.length} features wide.
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
