package dev.recur.tensor;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.fail;

/** Random data and tolerant comparisons for kernel tests. */
final class KernelCheck {
    private KernelCheck() {}

    static final double REL = 1e-5;
    static final double ABS = 1e-6;

    static float[] random(Random rnd, int n, float scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        return x;
    }

    /** |got − want| ≤ REL·|want| + ABS everywhere. */
    static void assertClose(String what, float[] want, float[] got) {
        assertClose(what, want, got, null);
    }

    /** |got − want| ≤ REL·mag + ABS, where mag (e.g. Σ|a·b| of a dot product) bounds the rounding; null means |want|. */
    static void assertClose(String what, float[] want, float[] got, float[] mag) {
        for (int i = 0; i < want.length; i++) {
            double w = want[i], g = got[i];
            if (Double.isNaN(w) && Double.isNaN(g)) continue;
            double m = mag == null ? Math.abs(w) : mag[i];
            if (!(Math.abs(g - w) <= REL * m + ABS)) {
                fail(what + ": index " + i + " want " + w + " got " + g + " (diff " + Math.abs(g - w) + ")");
            }
        }
    }

    static float[] abs(float[] x) {
        float[] y = x.clone();
        for (int i = 0; i < y.length; i++) y[i] = Math.abs(y[i]);
        return y;
    }
}
