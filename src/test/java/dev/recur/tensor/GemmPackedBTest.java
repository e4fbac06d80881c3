package dev.recur.tensor;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.recur.tensor.KernelCheck.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * gemm on a B packed once gives the bits of the plain gemm (for m ≥ 8; within rounding below), on both paths,
 * for every shape edge; and every row of a packed product has the same bits whatever the number of rows.
 */
class GemmPackedBTest {

    @Test
    void packedBEqualsPlainGemmBitForBit() {
        Random rnd = new Random(11);
        int[][] shapes = {{1, 7, 5}, {3, 512, 128}, {8, 512, 128}, {32, 512, 128}, {32, 128, 512}, {13, 37, 13},
                {40, 1100, 300}, {9, 33, 700}, {64, 1024, 256}, {17, 5, 0}};
        for (Kernels kern : new Kernels[] {Kernels.scalar(), Kernels.active()}) {
            for (int[] sh : shapes) {
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        for (float beta : new float[] {0f, 1f}) {
                            int m = sh[0], n = sh[1], k = sh[2];
                            int lda = (ta ? m : k) + 1, ldb = (tb ? k : n) + 2, ldc = n + 1;
                            float[] a = random(rnd, 3 + (ta ? k : m) * lda, 1f);
                            float[] b = random(rnd, 2 + (tb ? n : k) * ldb, 1f);
                            float[] c = random(rnd, 1 + m * ldc, 1f);
                            float[] want = c.clone();
                            kern.gemm(ta, tb, m, n, k, a, 3, lda, b, 2, ldb, beta, want, 1, ldc);
                            PackedB pb = kern.packB(tb, k, n, b, 2, ldb);
                            // Reused: the second product must see the same packed B.
                            for (int rep = 0; rep < 2; rep++) {
                                float[] got = c.clone();
                                kern.gemmPackedB(ta, m, a, 3, lda, pb, beta, got, 1, ldc);
                                String what = kern.name() + " m=" + m + " n=" + n + " k=" + k
                                        + " ta=" + ta + " tb=" + tb + " beta=" + beta;
                                if (m >= 8) assertArrayEquals(want, got, what);
                                else assertArrayEquals(want, got, 1e-4f * (k + 1), what);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aFewRowsEqualTheSameRowsOfALargerProduct() {
        Random rnd = new Random(12);
        Kernels kern = Kernels.active();
        int n = 512, k = 128, big = 32;
        float[] a = random(rnd, big * k, 1f);
        float[] b = random(rnd, n * k, 1f);
        float[] whole = random(rnd, big * n, 1f);
        float[] start = whole.clone();
        PackedB pb = kern.packB(true, k, n, b, 0, k);
        kern.gemmPackedB(false, big, a, 0, k, pb, 1f, whole, 0, n);
        for (int rows : new int[] {1, 3, 7, 9}) {
            for (int first : new int[] {0, 5, big - rows}) {
                float[] part = start.clone();
                kern.gemmPackedB(false, rows, a, first * k, k, pb, 1f, part, first * n, n);
                for (int r = first; r < first + rows; r++) {
                    for (int j = 0; j < n; j++) {
                        if (Float.floatToIntBits(part[r * n + j]) != Float.floatToIntBits(whole[r * n + j])) {
                            throw new AssertionError(kern.name() + ": rows=" + rows + " first=" + first + " row " + r
                                    + " col " + j + ": " + part[r * n + j] + " != " + whole[r * n + j]);
                        }
                    }
                }
            }
        }
    }
}
