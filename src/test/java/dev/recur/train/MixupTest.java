package dev.recur.train;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MixupTest {
    @Test void betaAndGammaHaveTheirMoments() {
        Random r = new Random(1);
        for (double alpha : new double[] {0.2, 0.4, 1, 2.5}) {
            int n = 40000;
            double sum = 0, sq = 0, g = 0;
            for (int i = 0; i < n; i++) {
                double b = Mixup.beta(alpha, r);
                assertTrue(b >= 0 && b <= 1);
                sum += b;
                sq += b * b;
                g += Mixup.gamma(alpha, r);
            }
            double mean = sum / n, var = sq / n - mean * mean;
            assertEquals(0.5, mean, 0.01, "Beta(a, a) mean, a = " + alpha);
            assertEquals(1 / (4 * (2 * alpha + 1)), var, 0.01, "Beta(a, a) variance, a = " + alpha);
            assertEquals(alpha, g / n, 0.03 * Math.max(1, alpha), "Gamma(a) mean, a = " + alpha);
        }
        assertThrows(IllegalArgumentException.class, () -> Mixup.gamma(0, r));
    }

    @Test void rowsAndTargetsAreMixedAlike() {
        List<float[][]> xs = List.of(new float[][] {{1, 0}, {1, 0}}, new float[][] {{0, 2}, {0, 2}},
                new float[][] {{3, 3}}, new float[][] {{-1, -1}, {-1, -1}});
        int[] ys = {0, 1, 2, 1};
        Mixup.Batch b = Mixup.mix(xs, ys, 3, 0.4, new Random(7));
        for (int i = 0; i < xs.size(); i++) {
            float[] t = b.targets()[i];
            assertEquals(1f, t[0] + t[1] + t[2], 1e-6f);
            assertTrue(t[ys[i]] >= 0.5f, "the row's own label keeps the larger weight");
            // the mix of row i is λ x_i + (1 − λ) x_j for the j whose label got 1 − λ: check one value
            float lambda = Math.max(t[0], Math.max(t[1], t[2]));
            assertEquals(Math.max(xs.get(i).length, b.xs().get(i).length), b.xs().get(i).length);
            boolean found = false;
            for (int j = 0; j < xs.size(); j++) {
                float[][] a = xs.get(i), o = xs.get(j);
                float want = lambda * a[0][0] + (1 - lambda) * o[0][0];
                if (Math.abs(want - b.xs().get(i)[0][0]) < 1e-5 && Math.abs(lambda * a[0][1] + (1 - lambda) * o[0][1] - b.xs().get(i)[0][1]) < 1e-5) found = true;
            }
            assertTrue(found, "row " + i + " is a mix of itself and one row of the batch");
        }
        // a short row counts as zeros past its end
        assertEquals(2, b.xs().get(2).length);
    }
}
