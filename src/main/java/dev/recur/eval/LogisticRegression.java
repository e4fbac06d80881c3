package dev.recur.eval;

import java.util.Arrays;

/**
 * Multinomial logistic regression (softmax on an affine map), fitted by L-BFGS on the mean cross-entropy
 * plus {@code l2/2·‖W‖²} (biases are not penalised). The problem is strictly convex, so the fit starts from
 * zeros and needs no seed: the same data always give the same model.
 */
public final class LogisticRegression {
    /** [classes][dims + 1]; the last column is the bias. */
    private final double[][] weights;

    public record Options(double l2, int maxIterations, double gradientTolerance) {
        public Options {
            if (!(l2 >= 0)) throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
            if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1");
        }

        public static Options defaults() { return new Options(1e-3, 500, 1e-6); }

        public Options withL2(double l2) { return new Options(l2, maxIterations, gradientTolerance); }
    }

    private LogisticRegression(double[][] weights) { this.weights = weights; }

    /** A model from saved weights [classes][dims + 1] (bias last); copies them. */
    public static LogisticRegression of(double[][] weights) {
        if (weights.length < 2) throw new IllegalArgumentException("need at least 2 classes, got " + weights.length);
        int w = weights[0].length;
        for (double[] row : weights) if (row.length != w) throw new IllegalArgumentException("ragged weight matrix");
        double[][] copy = new double[weights.length][];
        for (int c = 0; c < weights.length; c++) copy[c] = weights[c].clone();
        return new LogisticRegression(copy);
    }

    public int classes() { return weights.length; }
    public int dims() { return weights[0].length - 1; }

    /** A copy of the weights [classes][dims + 1], bias last. */
    public double[][] weights() {
        double[][] copy = new double[weights.length][];
        for (int c = 0; c < weights.length; c++) copy[c] = weights[c].clone();
        return copy;
    }

    public static LogisticRegression fit(float[][] x, int[] y, int classes, Options options) {
        if (x.length == 0 || x.length != y.length) throw new IllegalArgumentException("need as many labels as rows (got " + x.length + " rows, " + y.length + " labels)");
        if (classes < 2) throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        int d = x[0].length;
        for (float[] row : x) if (row.length != d) throw new IllegalArgumentException("rows of different lengths");
        for (int label : y) if (label < 0 || label >= classes) throw new IllegalArgumentException("label " + label + " outside 0.." + (classes - 1));
        Objective f = new Objective(x, y, classes, d, options.l2());
        double[] w = Lbfgs.minimize(f, new double[classes * (d + 1)], options.maxIterations(), options.gradientTolerance());
        double[][] out = new double[classes][];
        for (int c = 0; c < classes; c++) out[c] = Arrays.copyOfRange(w, c * (d + 1), (c + 1) * (d + 1));
        return new LogisticRegression(out);
    }

    /** Class probabilities for one feature row. */
    public float[] predictProba(float[] x) {
        if (x.length != dims()) throw new IllegalArgumentException("expected " + dims() + " features, got " + x.length);
        double[] z = new double[classes()];
        for (int c = 0; c < z.length; c++) z[c] = logit(weights[c], x);
        softmaxInPlace(z);
        float[] p = new float[z.length];
        for (int c = 0; c < p.length; c++) p[c] = (float) z[c];
        return p;
    }

    public float[][] predictProba(float[][] x) {
        float[][] p = new float[x.length][];
        for (int i = 0; i < x.length; i++) p[i] = predictProba(x[i]);
        return p;
    }

    private static double logit(double[] w, float[] x) {
        double s = w[x.length];
        for (int j = 0; j < x.length; j++) s += w[j] * x[j];
        return s;
    }

    private static void softmaxInPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double v : z) max = Math.max(max, v);
        for (int c = 0; c < z.length; c++) sum += z[c] = Math.exp(z[c] - max);
        for (int c = 0; c < z.length; c++) z[c] /= sum;
    }

    /** Mean cross-entropy + l2/2·‖W‖² and its gradient, over the flat weight vector. */
    private record Objective(float[][] x, int[] y, int classes, int d, double l2) implements Lbfgs.Function {
        @Override public double valueAndGradient(double[] w, double[] grad) {
            Arrays.fill(grad, 0);
            int stride = d + 1, n = x.length;
            double loss = 0;
            double[] z = new double[classes];
            for (int i = 0; i < n; i++) {
                float[] xi = x[i];
                for (int c = 0; c < classes; c++) {
                    double s = w[c * stride + d];
                    for (int j = 0; j < d; j++) s += w[c * stride + j] * xi[j];
                    z[c] = s;
                }
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (double v : z) max = Math.max(max, v);
                for (int c = 0; c < classes; c++) sum += Math.exp(z[c] - max);
                double lse = max + Math.log(sum);
                loss -= z[y[i]] - lse;
                for (int c = 0; c < classes; c++) {
                    double g = Math.exp(z[c] - lse) - (c == y[i] ? 1 : 0);
                    int o = c * stride;
                    for (int j = 0; j < d; j++) grad[o + j] += g * xi[j];
                    grad[o + d] += g;
                }
            }
            loss /= n;
            for (int k = 0; k < grad.length; k++) grad[k] /= n;
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j < d; j++) {
                    double v = w[c * stride + j];
                    loss += 0.5 * l2 * v * v;
                    grad[c * stride + j] += l2 * v;
                }
            }
            return loss;
        }
    }
}
