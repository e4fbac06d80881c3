package dev.recur.data;

import java.util.Arrays;

/**
 * Per-dimension mean and standard deviation of training features. Stored with a model (plain float arrays,
 * so they serialise to JSON as they are) so inference normalises with the training statistics.
 */
public record FeatureStats(float[] mean, float[] std) {
    /** Standard deviations below this are treated as this, so constant dimensions do not blow up. */
    public static final float MIN_STD = 1e-6f;

    public FeatureStats {
        if (mean.length != std.length) throw new IllegalArgumentException("mean and std lengths differ: " + mean.length + " vs " + std.length);
    }

    /** Statistics over every frame of every matrix (two passes in double, for accuracy). */
    public static FeatureStats fit(Iterable<float[][]> matrices) {
        double[] sum = null;
        long n = 0;
        for (float[][] m : matrices) {
            for (float[] row : m) {
                if (sum == null) sum = new double[row.length];
                for (int d = 0; d < row.length; d++) sum[d] += row[d];
                n++;
            }
        }
        if (sum == null) throw new IllegalArgumentException("no frames to compute statistics from");
        double[] mean = new double[sum.length];
        for (int d = 0; d < sum.length; d++) mean[d] = sum[d] / n;
        double[] var = new double[sum.length];
        for (float[][] m : matrices) {
            for (float[] row : m) for (int d = 0; d < row.length; d++) { double x = row[d] - mean[d]; var[d] += x * x; }
        }
        float[] mu = new float[sum.length], sd = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            mu[d] = (float) mean[d];
            sd[d] = (float) Math.max(MIN_STD, Math.sqrt(var[d] / n));
        }
        return new FeatureStats(mu, sd);
    }

    public int dims() { return mean.length; }

    /** A normalised copy: (x - mean) / std per dimension. */
    public float[][] apply(float[][] m) {
        float[][] out = new float[m.length][];
        for (int t = 0; t < m.length; t++) {
            float[] row = m[t];
            if (row.length != mean.length) throw new IllegalArgumentException("frame has " + row.length + " values, statistics have " + mean.length);
            float[] r = new float[row.length];
            for (int d = 0; d < row.length; d++) r[d] = (row[d] - mean[d]) / Math.max(MIN_STD, std[d]);
            out[t] = r;
        }
        return out;
    }

    @Override public boolean equals(Object o) {
        return o instanceof FeatureStats s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std); }

    @Override public String toString() { return "FeatureStats[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]"; }
}
