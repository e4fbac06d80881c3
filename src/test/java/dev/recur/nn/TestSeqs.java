package dev.recur.nn;

import dev.recur.tensor.Tensor;

import java.util.Random;

/** Random batches for layer tests; padded steps hold garbage so tests catch layers that read them. */
final class TestSeqs {
    private TestSeqs() {}

    static Seq sequence(long seed, int batch, int steps, int dims, int[] lengths) {
        Random r = new Random(seed);
        float[] v = new float[batch * steps * dims];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return new Seq(Tensor.of(v, batch, steps, dims), lengths);
    }

    /** Like {@link #sequence} but all values distinct, at least 0.1 apart (no ties within finite-difference reach). */
    static Seq spread(long seed, int batch, int steps, int dims, int[] lengths) {
        int n = batch * steps * dims;
        java.util.List<Integer> order = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) order.add(i);
        java.util.Collections.shuffle(order, new Random(seed));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (order.get(i) - n / 2) * 0.1f;
        return new Seq(Tensor.of(v, batch, steps, dims), lengths);
    }

    static Seq vectors(long seed, int batch, int dims) {
        Random r = new Random(seed);
        float[] v = new float[batch * dims];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return Seq.full(Tensor.of(v, batch, dims));
    }

    /** Value at row b, step t, feature d of a [batch, steps, dims] tensor. */
    static float at(Seq s, int b, int t, int d) { return s.values().get(b, t, d); }

    static void assertPaddedZero(Seq y) {
        for (int b = 0; b < y.batch(); b++) {
            for (int t = y.length(b); t < y.steps(); t++) {
                for (int d = 0; d < y.dims(); d++) {
                    if (at(y, b, t, d) != 0f) throw new AssertionError("padded step b=" + b + " t=" + t + " d=" + d + " is " + at(y, b, t, d));
                }
            }
        }
    }
}
