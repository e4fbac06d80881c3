package dev.recur.eval;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class LogisticRegressionTest {

    /** Three overlapping Gaussian blobs in 4 dimensions. */
    static float[][] blobs(int n, long seed, int[] y) {
        Random r = new Random(seed);
        float[][] x = new float[n][4];
        double[][] centres = {{0, 0, 1, 0}, {1.5, 0, 0, -1}, {0, 1.5, -1, 1}};
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) x[i][j] = (float) (centres[y[i]][j] + r.nextGaussian());
        }
        return x;
    }

    /**
     * The fit is the unique minimiser: its gradient vanishes. Checked with the optimality conditions written
     * out independently of the optimiser: mean_i (p_ic − [y_i = c])·x_ij + l2·w_cj = 0 and the same without
     * the l2 term for the bias.
     */
    @Test void fitSatisfiesTheOptimalityConditions() {
        int n = 300;
        int[] y = new int[n];
        float[][] x = blobs(n, 1, y);
        double l2 = 0.05;
        LogisticRegression m = LogisticRegression.fit(x, y, 3, LogisticRegression.Options.defaults().withL2(l2));
        double[][] w = m.weights();
        double[][] g = new double[3][5];
        for (int i = 0; i < n; i++) {
            float[] p = m.predictProba(x[i]);
            for (int c = 0; c < 3; c++) {
                double e = p[c] - (y[i] == c ? 1 : 0);
                for (int j = 0; j < 4; j++) g[c][j] += e * x[i][j] / n;
                g[c][4] += e / n;
            }
        }
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 4; j++) g[c][j] += l2 * w[c][j];
            for (int j = 0; j < 5; j++) assertEquals(0, g[c][j], 1e-5, "gradient [" + c + "][" + j + "]");
        }
        double norm = 0;
        for (double[] row : w) for (int j = 0; j < 4; j++) norm += row[j] * row[j];
        assertTrue(norm > 0.1, "the fit moved away from zero");
    }

    @Test void strongerL2GivesSmallerWeightsAndSofterProbabilities() {
        int[] y = new int[300];
        float[][] x = blobs(300, 2, y);
        LogisticRegression weak = LogisticRegression.fit(x, y, 3, LogisticRegression.Options.defaults().withL2(1e-4));
        LogisticRegression strong = LogisticRegression.fit(x, y, 3, LogisticRegression.Options.defaults().withL2(1.0));
        assertTrue(norm(strong.weights()) < 0.5 * norm(weak.weights()));
        float[] p = strong.predictProba(x[0]);
        for (float v : p) assertTrue(v > 0.1 && v < 0.7, "soft: " + v);
    }

    @Test void learnsSeparableClassesAndGeneralises() {
        int[] y = new int[600], yTest = new int[600];
        float[][] x = blobs(600, 3, y), xTest = blobs(600, 4, yTest);
        LogisticRegression m = LogisticRegression.fit(x, y, 3, LogisticRegression.Options.defaults());
        int right = 0;
        for (int i = 0; i < xTest.length; i++) {
            float[] p = m.predictProba(xTest[i]);
            float sum = 0;
            for (float v : p) sum += v;
            assertEquals(1f, sum, 1e-5f);
            if (dev.recur.eval.ClassificationReport.argmax(p) == yTest[i]) right++;
        }
        // Bayes accuracy for these blobs is about 80%; chance is 33%.
        assertTrue(right > 0.72 * xTest.length, "accuracy " + right / 600.0);
    }

    @Test void sameDataSameModelAndWeightsRoundTrip() {
        int[] y = new int[90];
        float[][] x = blobs(90, 5, y);
        LogisticRegression a = LogisticRegression.fit(x, y, 3, LogisticRegression.Options.defaults());
        LogisticRegression b = LogisticRegression.fit(x, y, 3, LogisticRegression.Options.defaults());
        assertArrayEquals(a.weights(), b.weights());
        LogisticRegression c = LogisticRegression.of(a.weights());
        assertArrayEquals(a.predictProba(x[7]), c.predictProba(x[7]));
    }

    @Test void rejectsBadInput() {
        float[][] x = {{1f}, {2f}};
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(x, new int[] {0}, 2, LogisticRegression.Options.defaults()));
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(x, new int[] {0, 2}, 2, LogisticRegression.Options.defaults()));
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(x, new int[] {0, 0}, 1, LogisticRegression.Options.defaults()));
        LogisticRegression m = LogisticRegression.fit(x, new int[] {0, 1}, 2, LogisticRegression.Options.defaults());
        assertThrows(IllegalArgumentException.class, () -> m.predictProba(new float[] {1f, 2f}));
    }

    static double norm(double[][] w) {
        double s = 0;
        for (double[] row : w) for (int j = 0; j < row.length - 1; j++) s += row[j] * row[j];
        return s;
    }
}
