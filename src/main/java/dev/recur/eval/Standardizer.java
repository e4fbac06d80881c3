package dev.recur.eval;

/**
 * Per-column standardisation {@code (x − mean) / std} with statistics from training rows only; stored with a
 * model so inference uses the training statistics. A constant column gets std 1 (it maps to 0, not NaN).
 */
public record Standardizer(float[] mean, float[] std) {
    public Standardizer {
        if (mean.length != std.length) throw new IllegalArgumentException("mean and std differ in length");
        mean = mean.clone();
        std = std.clone();
    }

    public static Standardizer fit(float[][] rows) {
        if (rows.length == 0) throw new IllegalArgumentException("no rows to fit a standardizer on");
        int d = rows[0].length;
        double[] sum = new double[d], sq = new double[d];
        for (float[] r : rows) {
            if (r.length != d) throw new IllegalArgumentException("rows of different lengths");
            for (int j = 0; j < d; j++) sum[j] += r[j];
        }
        float[] mean = new float[d], std = new float[d];
        for (int j = 0; j < d; j++) mean[j] = (float) (sum[j] / rows.length);
        for (float[] r : rows) for (int j = 0; j < d; j++) { double v = r[j] - mean[j]; sq[j] += v * v; }
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(sq[j] / rows.length);
            std[j] = s > 1e-8 ? (float) s : 1f;
        }
        return new Standardizer(mean, std);
    }

    public int dims() { return mean.length; }

    public float[] apply(float[] row) {
        if (row.length != mean.length) throw new IllegalArgumentException("expected " + mean.length + " values, got " + row.length);
        float[] out = new float[row.length];
        for (int j = 0; j < row.length; j++) out[j] = (row[j] - mean[j]) / std[j];
        return out;
    }

    public float[][] apply(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) out[i] = apply(rows[i]);
        return out;
    }

    @Override public float[] mean() { return mean.clone(); }
    @Override public float[] std() { return std.clone(); }
}
