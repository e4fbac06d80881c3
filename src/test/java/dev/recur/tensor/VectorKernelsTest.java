package dev.recur.tensor;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static dev.recur.tensor.KernelCheck.abs;
import static dev.recur.tensor.KernelCheck.assertClose;
import static dev.recur.tensor.KernelCheck.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every vector kernel against the scalar reference, on odd sizes, offsets and padded leading dimensions. */
class VectorKernelsTest {
    static final Kernels S = Kernels.scalar();
    static final Kernels V = Kernels.active();
    static final int[] SIZES = {1, 7, 13, 37, 129};
    static final int[] LENGTHS = {0, 1, 7, 13, 16, 37, 129, 1000, 2053};

    @Test
    void activePathIsVectorWhenTheModuleIsPresent() {
        assertTrue(KernelSelector.vectorModulePresent(), "tests run with --add-modules jdk.incubator.vector");
        assertEquals("vector", V.name());
        assertTrue(V.floatLanes() >= 4);
        assertEquals("scalar", S.name());
        assertEquals(1, S.floatLanes());
    }

    @Test
    void gemmMatchesScalarForAllTransposes() {
        Random rnd = new Random(1);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int m : SIZES) for (int n : SIZES) for (int k : SIZES) {
                    checkGemm(rnd, ta, tb, m, n, k, rnd.nextBoolean() ? 0f : 1f);
                }
                // Register-tile and block edges: k beyond one k block, n beyond one column block.
                checkGemm(rnd, ta, tb, 9, 1100, 300, 1f);
                checkGemm(rnd, ta, tb, 140, 33, 513, 0f);
                checkGemm(rnd, ta, tb, 8, 64, 64, 0.5f);
                checkGemm(rnd, ta, tb, 32, 256, 13, 0f);
                checkGemm(rnd, ta, tb, 3, 70, 20, -2f);
                checkGemm(rnd, ta, tb, 5, 40, 0, 0.5f);
            }
        }
    }

    /** Operands at nonzero offsets with leading dimensions wider than the rows; C starts as garbage for beta 0. */
    private static void checkGemm(Random rnd, boolean ta, boolean tb, int m, int n, int k, float beta) {
        String what = "gemm ta=" + ta + " tb=" + tb + " m=" + m + " n=" + n + " k=" + k + " beta=" + beta;
        int aRows = ta ? k : m, aCols = ta ? m : k;
        int bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + rnd.nextInt(3), ldb = bCols + rnd.nextInt(3), ldc = n + rnd.nextInt(3);
        int aOff = rnd.nextInt(5), bOff = rnd.nextInt(5), cOff = rnd.nextInt(5);
        float[] a = random(rnd, aOff + aRows * lda, 1f);
        float[] b = random(rnd, bOff + bRows * ldb, 1f);
        float[] c0 = random(rnd, cOff + m * ldc + 3, 1f);
        if (beta == 0f) for (int i = 0; i < m; i++) Arrays.fill(c0, cOff + i * ldc, cOff + i * ldc + n, Float.NaN);
        float[] want = c0.clone(), got = c0.clone(), mag = abs(c0);
        if (beta == 0f) Arrays.fill(mag, 0f);
        S.gemm(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, beta, want, cOff, ldc);
        V.gemm(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, beta, got, cOff, ldc);
        S.gemm(ta, tb, m, n, k, abs(a), aOff, lda, abs(b), bOff, ldb, Math.abs(beta), mag, cOff, ldc);
        assertClose(what, want, got, mag);
        for (int i = 0; i < c0.length; i++) {
            int r = (i - cOff) / ldc, col = (i - cOff) % ldc;
            boolean inside = i >= cOff && r < m && col < n;
            if (!inside) assertEquals(c0[i], got[i], what + ": wrote outside C at " + i);
        }
    }

    @Test
    void gemvMatchesScalar() {
        Random rnd = new Random(2);
        for (int m : SIZES) for (int n : SIZES) {
            for (float beta : new float[] {0f, 1f, 0.25f}) {
                int lda = n + rnd.nextInt(3), aOff = rnd.nextInt(4), xOff = rnd.nextInt(4), yOff = rnd.nextInt(4);
                float[] a = random(rnd, aOff + m * lda, 1f), x = random(rnd, xOff + n, 1f);
                float[] y0 = random(rnd, yOff + m, 1f);
                float[] want = y0.clone(), got = y0.clone(), mag = abs(y0);
                S.gemv(m, n, a, aOff, lda, x, xOff, beta, want, yOff);
                V.gemv(m, n, a, aOff, lda, x, xOff, beta, got, yOff);
                S.gemv(m, n, abs(a), aOff, lda, abs(x), xOff, Math.abs(beta), mag, yOff);
                assertClose("gemv m=" + m + " n=" + n, want, got, mag);
            }
        }
    }

    @Test
    void gemvBf16MatchesScalar() {
        Random rnd = new Random(7);
        for (int m : SIZES) for (int n : SIZES) {
            int lda = n + rnd.nextInt(3), aOff = rnd.nextInt(4), xOff = rnd.nextInt(4), yOff = rnd.nextInt(4);
            float[] af = random(rnd, aOff + m * lda, 1f), x = random(rnd, xOff + n, 1f);
            short[] a = Kernels.toBf16(af, 0, af.length);
            float beta = rnd.nextBoolean() ? 0f : 1f;
            float[] y0 = random(rnd, yOff + m, 1f);
            float[] want = y0.clone(), got = y0.clone(), mag = abs(y0);
            S.gemvBf16(m, n, a, aOff, lda, x, xOff, beta, want, yOff);
            V.gemvBf16(m, n, a, aOff, lda, x, xOff, beta, got, yOff);
            S.gemv(m, n, abs(af), aOff, lda, abs(x), xOff, beta, mag, yOff);
            assertClose("gemvBf16 m=" + m + " n=" + n, want, got, mag);
            // and close to the float product: bfloat16 keeps 8 significant bits
            float[] exact = y0.clone();
            S.gemv(m, n, af, aOff, lda, x, xOff, beta, exact, yOff);
            for (int i = 0; i < m; i++) {
                assertEquals(exact[yOff + i], got[yOff + i], 4e-3 * mag[yOff + i] + 1e-6, "bf16 rounding m=" + m + " n=" + n);
            }
        }
    }

    @Test
    void bf16RoundsToNearestEvenAndWidensExactly() {
        float[] x = {1f, -2.5f, 1f + 0x1p-8f, 1f + 0x1p-8f + 0x1p-20f, 1f + 3 * 0x1p-8f, 3.0e-39f, 0f, -0f};
        float[] want = {1f, -2.5f, 1f, 1f + 0x1p-7f, 1f + 0x1p-6f, Float.intBitsToFloat(Float.floatToRawIntBits(3.0e-39f) + 0x7fff & 0xffff0000), 0f, -0f};
        short[] h = Kernels.toBf16(x, 0, x.length);
        for (int i = 0; i < x.length; i++) assertEquals(want[i], Kernels.bf16ToFloat(h[i]), "x=" + x[i]);
        // the vector widening, on every finite bfloat16 of both signs
        int n = 32, m = 0x7f80 * 2 / n;
        short[] a = new short[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (short) (i < a.length / 2 ? i : 0x8000 | (i - a.length / 2));
        float[] v = new float[n], y = new float[m];
        for (int j = 0; j < n; j++) {
            Arrays.fill(v, 0f);
            v[j] = 1f;
            V.gemvBf16(m, n, a, 0, n, v, 0, 0f, y, 0);
            for (int i = 0; i < m; i++) {
                assertEquals(Kernels.bf16ToFloat(a[i * n + j]), y[i], 0f, "bf16 bits " + Integer.toHexString(a[i * n + j] & 0xffff));
            }
        }
    }

    @Test
    void rowKernelsMatchScalar() {
        Random rnd = new Random(3);
        for (int rows : SIZES) for (int cols : SIZES) {
            int off = rnd.nextInt(5), bOff = rnd.nextInt(5);
            float[] x = random(rnd, off + rows * cols + 2, 3f), bias = random(rnd, bOff + cols, 1f);
            String shape = " " + rows + "x" + cols;
            float[] want = x.clone(), got = x.clone();
            S.addBias(want, off, rows, cols, bias, bOff);
            V.addBias(got, off, rows, cols, bias, bOff);
            assertArrayEquals(want, got, "addBias" + shape);

            float[] out0 = random(rnd, bOff + cols + 1, 1f);
            want = out0.clone();
            got = out0.clone();
            S.sumRows(x, off, rows, cols, want, bOff);
            V.sumRows(x, off, rows, cols, got, bOff);
            assertClose("sumRows" + shape, want, got, mag(rows, cols, x, off, out0, bOff));

            want = x.clone();
            got = x.clone();
            S.softmax(want, off, rows, cols);
            V.softmax(got, off, rows, cols);
            assertClose("softmax" + shape, want, got);

            float[] wide = random(rnd, off + rows * cols, 40f);
            want = wide.clone();
            got = wide.clone();
            S.logSoftmax(want, off, rows, cols);
            V.logSoftmax(got, off, rows, cols);
            // x − lse cancels: an ulp of lse (from the order of the sum) is an absolute error of ~ulp(|x|)
            float[] lsMag = abs(wide);
            for (int i = 0; i < lsMag.length; i++) lsMag[i] += Math.abs(want[i]);
            assertClose("logSoftmax" + shape, want, got, lsMag);
        }
    }

    private static float[] mag(int rows, int cols, float[] x, int off, float[] out0, int outOff) {
        float[] m = abs(out0);
        S.sumRows(abs(x), off, rows, cols, m, outOff);
        return m;
    }

    @Test
    void vectorOpsMatchScalar() {
        Random rnd = new Random(4);
        for (int n : LENGTHS) {
            int xo = rnd.nextInt(5), yo = rnd.nextInt(5);
            float[] x = random(rnd, xo + n + 3, 2f), y = random(rnd, yo + n + 3, 2f);

            float[] want = y.clone(), got = y.clone();
            S.axpy(n, 0.7f, x, xo, want, yo);
            V.axpy(n, 0.7f, x, xo, got, yo);
            assertClose("axpy n=" + n, want, got, mag(y, x, 0.7f));

            want = x.clone();
            got = x.clone();
            S.scale(n, -1.3f, want, xo);
            V.scale(n, -1.3f, got, xo);
            assertArrayEquals(want, got, "scale n=" + n);

            float dotMag = S.dot(n, abs(x), xo, abs(y), yo);
            float dw = S.dot(n, x, xo, y, yo), dg = V.dot(n, x, xo, y, yo);
            assertTrue(Math.abs(dw - dg) <= 1e-5 * dotMag + 1e-6, "dot n=" + n + ": " + dw + " vs " + dg);

            double sw = S.sumSquares(n, x, xo), sg = V.sumSquares(n, x, xo);
            assertTrue(Math.abs(sw - sg) <= 1e-6 * sw + 1e-9, "sumSquares n=" + n + ": " + sw + " vs " + sg);

            want = new float[n + 2];
            got = new float[n + 2];
            S.mul(n, x, xo, y, yo, want, 1);
            V.mul(n, x, xo, y, yo, got, 1);
            assertArrayEquals(want, got, "mul n=" + n);

            float[] wide = random(rnd, xo + n, 12f);
            if (n > 2) { wide[xo] = 1e-6f; wide[xo + 1] = -95f; wide[xo + 2] = 95f; }
            for (String f : new String[] {"sigmoid", "tanh", "relu"}) {
                want = wide.clone();
                got = wide.clone();
                apply(S, f, n, want, xo);
                apply(V, f, n, got, xo);
                assertClose(f + " n=" + n, want, got);
            }

            float[] s = wide.clone();
            S.sigmoid(n, s, xo);
            float[] t = wide.clone();
            S.tanh(n, t, xo);
            float[] r = wide.clone();
            S.relu(n, r, xo);
            float[] g = random(rnd, yo + n, 1f);
            checkBackward("sigmoidBackward", n, s, xo, g, yo);
            checkBackward("tanhBackward", n, t, xo, g, yo);
            checkBackward("reluBackward", n, r, xo, g, yo);
        }
    }

    /** Tolerance for y + a·x: the two roundings of the scalar body against one fused rounding. */
    private static float[] mag(float[] y, float[] x, float a) {
        float[] m = abs(y);
        for (int i = 0; i < Math.min(m.length, x.length); i++) m[i] += Math.abs(a * x[i]);
        return m;
    }

    private static void apply(Kernels k, String f, int n, float[] x, int off) {
        switch (f) {
            case "sigmoid" -> k.sigmoid(n, x, off);
            case "tanh" -> k.tanh(n, x, off);
            default -> k.relu(n, x, off);
        }
    }

    private static void checkBackward(String f, int n, float[] y, int yo, float[] g0, int go) {
        float[] want = g0.clone(), got = g0.clone();
        switch (f) {
            case "sigmoidBackward" -> { S.sigmoidBackward(n, y, yo, want, go); V.sigmoidBackward(n, y, yo, got, go); }
            case "tanhBackward" -> { S.tanhBackward(n, y, yo, want, go); V.tanhBackward(n, y, yo, got, go); }
            default -> { S.reluBackward(n, y, yo, want, go); V.reluBackward(n, y, yo, got, go); }
        }
        assertClose(f + " n=" + n, want, got);
    }

    @Test
    void activationsAreAccurateOverAFineGrid() {
        int n = 200_001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = -20f + 40f * i / (n - 1);
        for (String f : new String[] {"sigmoid", "tanh"}) {
            float[] want = x.clone(), got = x.clone();
            apply(S, f, n, want, 0);
            apply(V, f, n, got, 0);
            assertClose(f + " grid", want, got);
        }
    }
}
