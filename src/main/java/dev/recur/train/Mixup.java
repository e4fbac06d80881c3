package dev.recur.train;

import java.util.List;
import java.util.Random;

/**
 * Mixup (Zhang et al., 2018): a batch of sequences is mixed with a shuffled copy of itself, {@code x'_i = λ x_i +
 * (1 − λ) x_π(i)}, and the one-hot targets alike, with one {@code λ ~ Beta(α, α)} per batch. The larger weight
 * always goes to the row's own example ({@code λ ≥ 0.5}), so its label stays the one a row is scored on. On small
 * datasets it keeps a classifier from memorising single examples; α = 0.2–0.4 is the usual range.
 */
public final class Mixup {
    private Mixup() {}

    /** Mixed rows and their soft targets. */
    public record Batch(List<float[][]> xs, float[][] targets) {}

    /**
     * Mixes {@code xs} (rows of [steps][dims]; a shorter row counts as zeros past its end) with labels {@code ys}
     * over {@code classes} classes, drawing λ and the pairing from {@code random}.
     */
    public static Batch mix(List<float[][]> xs, int[] ys, int classes, double alpha, Random random) {
        int n = xs.size();
        double l = beta(alpha, random);
        float lambda = (float) Math.max(l, 1 - l);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        List<float[][]> out = new java.util.ArrayList<>(n);
        float[][] targets = new float[n][classes];
        for (int i = 0; i < n; i++) {
            float[][] a = xs.get(i), b = xs.get(perm[i]);
            int steps = Math.max(a.length, b.length), dims = a[0].length;
            float[][] m = new float[steps][dims];
            for (int t = 0; t < steps; t++) {
                for (int d = 0; d < dims; d++) {
                    float va = t < a.length ? a[t][d] : 0f, vb = t < b.length ? b[t][d] : 0f;
                    m[t][d] = lambda * va + (1 - lambda) * vb;
                }
            }
            out.add(m);
            targets[i][ys[i]] += lambda;
            targets[i][ys[perm[i]]] += 1 - lambda;
        }
        return new Batch(out, targets);
    }

    /** A draw from Beta(α, α) as G₁ / (G₁ + G₂) with G ~ Gamma(α, 1). */
    public static double beta(double alpha, Random random) {
        double g1 = gamma(alpha, random), g2 = gamma(alpha, random);
        return g1 + g2 == 0 ? 0.5 : g1 / (g1 + g2);
    }

    /**
     * A draw from Gamma(shape, 1) by Marsaglia and Tsang's method (2000); for shape &lt; 1 the usual boost
     * {@code Gamma(shape + 1) · U^(1/shape)}.
     */
    public static double gamma(double shape, Random random) {
        if (!(shape > 0)) throw new IllegalArgumentException("gamma shape must be > 0, got " + shape);
        if (shape < 1) return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
        }
    }
}
